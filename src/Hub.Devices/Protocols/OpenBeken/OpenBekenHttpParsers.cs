using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hub.Devices.Protocols.OpenBeken;

/// <summary>
/// The one set of readers for the OpenBeken HTTP answers the hub uses (discovery's identification included); the
/// discovery and command code does the networking. They never throw on what a plug sends.
/// </summary>
internal static partial class OpenBekenHttpParsers
{
    /// <summary>The full index page is a few KiB; anything much larger is not an OpenBeken answer.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static HttpParseResult<OpenBekenInfo> ParseInfo(ReadOnlySpan<byte> body)
    {
        try
        {
            Check(body);
            using var document = JsonPayload.Parse(body);
            var root = JsonPayload.RootObject(document);
            var mac = JsonPayload.String(root, "mac") ?? throw new BadPayloadException("no 'mac': not an OpenBeken /api/info");
            var build = TextFields.WordOrNull(JsonPayload.String(root, "build"), "build");
            var (host, port) = HostAndPort(JsonPayload.String(root, "mqtthost"));
            var reboot = TextFields.WordOrNull(JsonPayload.String(root, "rebootReason"), "rebootReason");
            return HttpParseResult<OpenBekenInfo>.Success(new OpenBekenInfo
            {
                Mac = MacAddress.Normalize(mac),
                Chip = TextFields.WordOrNull(JsonPayload.String(root, "chipset"), "chipset"),
                Build = build,
                Version = TextFields.WordOrNull(JsonPayload.String(root, "version"), "version") ?? VersionOf(build),
                ShortName = TextFields.WordOrNull(JsonPayload.String(root, "shortName"), "shortName"),
                MqttTopic = TextFields.WordOrNull(JsonPayload.String(root, "mqtttopic"), "mqtttopic"),
                MqttHost = host,
                MqttPort = port,
                Ip = TextFields.Ipv4OrNull(JsonPayload.String(root, "ip")),
                UptimeSeconds = JsonPayload.Integer(root, "uptime_s") is { } up ? ValueRanges.Uptime(up) : null,
                Flags = Flags(root),
                SupportsSsdp = JsonPayload.Integer(root, "supportsSSDP") is { } ssdp ? ssdp != 0 : null,
                RebootReason = reboot,
                BootCount = JsonPayload.Integer(root, "bootCount") is { } boots ? ValueRanges.BootCount(boots) : null,
                OtaPartitionSize = JsonPayload.Integer(root, "otaPartitionSize") is { } size and > 0 ? size : null,
                ActiveSlot = JsonPayload.Integer(root, "activeSlot") is { } slot and >= 0 and <= 1 ? (int)slot : null,
            });
        }
        catch (BadPayloadException bad)
        {
            return HttpParseResult<OpenBekenInfo>.Failure(bad.Message);
        }
    }

    public static HttpParseResult<OpenBekenIndexState> ParseIndexState(ReadOnlySpan<byte> body)
    {
        try
        {
            Check(body);
            var html = Inbound.Text(body);
            var reason = RebootReasonLine().Match(html);
            if (!reason.Success)
            {
                throw new BadPayloadException("the page shows no 'Reboot reason:'");
            }

            var text = TextFields.Word(WebUtility.HtmlDecode(reason.Groups[1].Value).Trim(), "reboot reason");
            var log = LogBlock().Match(html);
            return HttpParseResult<OpenBekenIndexState>.Success(new OpenBekenIndexState
            {
                RebootReason = text,
                Abnormal = RebootReasons.IsAbnormal(text),
                BootCount = Counter(html, "Boot count: "),
                IncompleteBoots = Counter(html, "incomplete boots: "),
                OtaCounter = Counter(html, "ota counter: "),
                LastLogLines = log.Success
                    ? WebUtility.HtmlDecode(log.Groups[1].Value).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    : [],
            });
        }
        catch (BadPayloadException bad)
        {
            return HttpParseResult<OpenBekenIndexState>.Failure(bad.Message);
        }
    }

    public static HttpParseResult<OpenBekenCommandReply> ParseCommandReply(ReadOnlySpan<byte> body)
    {
        try
        {
            Check(body);
            var text = Inbound.Text(body);
            if (!text.StartsWith('{'))
            {
                // A bare value (SetChannel answers "1"), echoed text, or nothing at all.
                return HttpParseResult<OpenBekenCommandReply>.Success(new OpenBekenCommandReply { Success = true, Body = text });
            }

            using var document = JsonPayload.Parse(body);
            var root = JsonPayload.RootObject(document);
            var envelope = root.TryGetProperty("success", out _) || root.TryGetProperty("error", out _);
            var result = envelope ? JsonPayload.Object(root, "res") : root;
            return HttpParseResult<OpenBekenCommandReply>.Success(new OpenBekenCommandReply
            {
                Success = !envelope || root.TryGetProperty("success", out _),
                Message = envelope ? JsonPayload.String(root, "msg") : null,
                Relays = result is { } r ? Relays(r) : new Dictionary<int, bool>(),
                Body = text,
            });
        }
        catch (BadPayloadException bad)
        {
            return HttpParseResult<OpenBekenCommandReply>.Failure(bad.Message);
        }
    }

    private static void Check(ReadOnlySpan<byte> body)
    {
        if (Inbound.Refuse(body, MaxBodyBytes) is { } refusal)
        {
            throw new BadPayloadException(refusal);
        }
    }

    private static Dictionary<int, bool> Relays(JsonElement obj)
    {
        var relays = new Dictionary<int, bool>();
        foreach (var property in obj.EnumerateObject())
        {
            if (PowerFields.RelayNumber(property.Name) is { } n)
            {
                relays[n] = PowerFields.IsOn(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText());
            }
        }

        return relays;
    }

    private static (string? Host, int? Port) HostAndPort(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return (TextFields.Word(text, "mqtthost"), null);
        }

        // An empty host (MQTT off) still comes with the port: ":1883".
        var host = colon == 0 ? null : TextFields.Word(text[..colon], "mqtthost");
        return int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? (host, port)
            : throw new BadPayloadException($"mqtthost '{ValueRanges.Clip(text)}' has no valid port");
    }

    /// <summary>Flags come as a quoted number ("%ld") from current builds and as a bare number from some older ones.</summary>
    private static long? Flags(JsonElement root) =>
        root.TryGetProperty("flags", out var flags) ? flags.ValueKind switch
        {
            JsonValueKind.String => ValueRanges.ParseInteger(flags.GetString()!, "flags"),
            JsonValueKind.Number => JsonPayload.Integer(root, "flags"),
            _ => throw new BadPayloadException("'flags' is not a number"),
        } : null;

    /// <summary>
    /// The build as OpenBeken publishes it on <c>&lt;T&gt;/build</c> (<c>OpenBL602 1.18.x Jul 24 2026 10:41:55</c>), rebuilt
    /// from <c>/api/info</c>'s <c>Built on Jul 24 2026 10:41:55 version 1.18.x</c>, so that MQTT telemetry and discovery
    /// write the same text to the registry instead of overwriting each other's spelling.
    /// </summary>
    public static string? MqttStyleBuild(string? build, string? chip)
    {
        const string prefix = "Built on ", marker = " version ";
        var at = build?.LastIndexOf(marker, StringComparison.Ordinal) ?? -1;
        if (chip is null || build is null || !build.StartsWith(prefix, StringComparison.Ordinal) || at <= prefix.Length)
        {
            return null;
        }

        var text = $"Open{chip} {build[(at + marker.Length)..].Trim()} {build[prefix.Length..at].Trim()}";
        return text.Length <= 128 ? text : null;
    }

    private static string? VersionOf(string? build)
    {
        var at = build?.LastIndexOf(" version ", StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : build![(at + 9)..].Trim();
    }

    private static int? Counter(string html, string label)
    {
        var at = html.IndexOf(label, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var digits = html.AsSpan(at + label.Length);
        var length = digits.IndexOfAnyExceptInRange('0', '9');
        return int.TryParse(length < 0 ? digits : digits[..length], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    [GeneratedRegex(@"Reboot reason:\s*([^<\r\n]{1,128})", RegexOptions.CultureInvariant)]
    private static partial Regex RebootReasonLine();

    [GeneratedRegex(@"Log before reboot:\s*</h5>\s*<pre>(.*?)</pre>", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex LogBlock();
}
