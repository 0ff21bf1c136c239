using System.Net;
using System.Net.Sockets;

namespace Hub.Devices.Protocols;

/// <summary>Checks for the short texts plugs send (names, builds, reasons, addresses).</summary>
internal static class TextFields
{
    public static string Ipv4(string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork &&
        text.Count(c => c == '.') == 3
            ? address.ToString()
            : throw new BadPayloadException($"IP '{ValueRanges.Clip(text)}' is not an IPv4 address");

    public static string? Ipv4OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : Ipv4(text);

    /// <summary>A short printable text; control characters or a whole page mean garbage.</summary>
    public static string Word(string text, string what) =>
        text.Length <= 128 && !text.Any(char.IsControl)
            ? text
            : throw new BadPayloadException($"{what} is not a short printable text");

    public static string? WordOrNull(string? text, string what) => text is null ? null : Word(text, what);
}
