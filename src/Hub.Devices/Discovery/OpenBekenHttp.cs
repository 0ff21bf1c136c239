using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.Devices.Protocols;

namespace Hub.Devices.Discovery;

/// <summary>
/// Reads OpenBeken's <c>/api/info</c> JSON and its <c>/index?state=1</c> page (fact sheet §2.3, §5.3). Our firmware adds
/// <c>version</c>, <c>otaPartitionSize</c> and <c>bootCount</c> to the same JSON; OpenBeken itself has none of them.
/// </summary>
internal static partial class OpenBekenHttp
{
    // BL602 OpenBeken has two FW slots of 0xC8000 and 0x88000 bytes and an image goes to the inactive one; without
    // the plug saying which is active, only the smaller is a size every image must fit (fact sheet §2.4).
    private const long Bl602SmallerSlotBytes = 0x88000;

    private static readonly JsonDocumentOptions Json = new() { MaxDepth = 8 };

    /// <summary>The identity in an <c>/api/info</c> body, or null when the body is not OpenBeken's info.</summary>
    public static PlugIdentity? ParseInfo(string body, Uri endpoint)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "mac") is not { } macText
                || (String(root, "chipset") is null && String(root, "build") is null))
            {
                return null;
            }

            string mac;
            try
            {
                mac = MacAddress.Normalize(macText);
            }
            catch (BadPayloadException)
            {
                return null;
            }

            var chip = Word(String(root, "chipset"), 32);
            var build = Word(String(root, "build"), 128);
            return new PlugIdentity
            {
                Protocol = PlugProtocolKind.OpenBeken,
                HttpEndpoint = EndpointText(endpoint),
                Topic = TopicLevel(String(root, "mqtttopic")),
                Mac = mac,
                Chip = chip,
                FirmwareBuild = MqttStyleBuild(build, chip) ?? Word(String(root, "version"), 64) ?? build,
                ShortName = Word(String(root, "shortName"), 64),
                Ip = Ipv4(String(root, "ip")),
                UptimeSeconds = Number(root, "uptime_s") is { } up and >= 0 ? (long)up : null,
                OtaPartitionBytes = Number(root, "otaPartitionSize") is { } size and > 0 ? (long)size
                    : string.Equals(chip, "BL602", StringComparison.OrdinalIgnoreCase) ? Bl602SmallerSlotBytes : null,
                BootCount = Number(root, "bootCount") is { } boots and >= 0 and <= int.MaxValue ? (int)boots : null,
            };
        }
    }

    /// <summary>The text after "Reboot reason:" on the index page, e.g. <c>BL_RST_SOFTWARE_WATCHDOG</c> or <c>2 - Wdt</c>.</summary>
    public static string? RebootReason(string html) =>
        RebootReasonLine().Match(html) is { Success: true } match ? Word(match.Groups[1].Value.Trim(), 64) : null;

    public static int? BootCount(string html) =>
        BootCountLine().Match(html) is { Success: true } match
        && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : null;

    /// <summary>
    /// The build as OpenBeken publishes it on <c>&lt;T&gt;/build</c> (<c>OpenBL602 1.18.x Jul 24 2026 10:41:55</c>), rebuilt
    /// from <c>/api/info</c>'s <c>Built on Jul 24 2026 10:41:55 version 1.18.x</c>, so that MQTT telemetry and discovery
    /// write the same text to the registry instead of overwriting each other's spelling.
    /// </summary>
    internal static string? MqttStyleBuild(string? build, string? chip)
    {
        const string prefix = "Built on ", marker = " version ";
        var at = build?.LastIndexOf(marker, StringComparison.Ordinal) ?? -1;
        return chip is not null && build is not null && build.StartsWith(prefix, StringComparison.Ordinal) && at > prefix.Length
            ? Word($"Open{chip} {build[(at + marker.Length)..].Trim()} {build[prefix.Length..at].Trim()}", 128)
            : null;
    }

    internal static string EndpointText(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);

    internal static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>A short printable text, or null: what a plug sends in these fields is not to be trusted blindly.</summary>
    internal static string? Word(string? text, int maxLength)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > maxLength || trimmed.Any(char.IsControl) ? null : trimmed;
    }

    /// <summary>One MQTT topic level (no wildcards, separators or spaces), or null.</summary>
    internal static string? TopicLevel(string? text) =>
        Word(text, 64) is { } topic && !topic.Any(c => c is ' ' or '/' or '+' or '#') ? topic : null;

    internal static string? Ipv4(string? text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork
                                                  && text!.Count(c => c == '.') == 3
            ? address.ToString()
            : null;

    [GeneratedRegex(@"Reboot reason:\s*([^<\r\n]+)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex RebootReasonLine();

    [GeneratedRegex(@"Boot count:\s*(\d{1,9})", RegexOptions.CultureInvariant, 200)]
    private static partial Regex BootCountLine();
}
