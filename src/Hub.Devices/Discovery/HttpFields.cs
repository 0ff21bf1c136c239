using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Hub.Devices.Discovery;

/// <summary>
/// Lenient field readers for what discovery meets on the LAN (Tasmota's Status 0, UPnP descriptions): a field that
/// does not fit becomes null rather than failing the whole answer, since a strange hostname must not hide a plug.
/// </summary>
internal static class HttpFields
{
    public static string EndpointText(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);

    public static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>A short printable text, or null: what a device sends in these fields is not to be trusted blindly.</summary>
    public static string? Word(string? text, int maxLength)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > maxLength || trimmed.Any(char.IsControl) ? null : trimmed;
    }

    /// <summary>One MQTT topic level (no wildcards, separators or spaces), or null.</summary>
    public static string? TopicLevel(string? text) =>
        Word(text, 64) is { } topic && !topic.Any(c => c is ' ' or '/' or '+' or '#') ? topic : null;

    public static string? Ipv4(string? text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork
                                                  && text!.Count(c => c == '.') == 3
            ? address.ToString()
            : null;
}
