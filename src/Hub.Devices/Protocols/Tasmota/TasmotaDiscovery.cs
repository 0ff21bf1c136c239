using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols.Tasmota;

/// <summary>
/// Tasmota's native discovery (<c>tasmota/discovery/&lt;MAC&gt;/config</c>, retained): who the plug is and how it
/// builds topics. Short keys: <c>t</c> topic, <c>mac</c>, <c>sw</c> version, <c>ft</c> FullTopic, <c>hn</c> host
/// name, <c>md</c> module, <c>ip</c>.
/// </summary>
internal static class TasmotaDiscovery
{
    public static IReadOnlyList<PlugEvent> Parse(Inbound inbound, ReadOnlySpan<byte> payload)
    {
        using var document = JsonPayload.Parse(payload);
        var root = JsonPayload.RootObject(document);
        var topic = JsonPayload.String(root, "t");
        if (string.IsNullOrEmpty(topic))
        {
            throw new BadPayloadException("discovery has no topic ('t')");
        }

        CheckTopic(topic);
        return
        [
            new TelemetryReported
            {
                Topic = topic,
                At = inbound.At,
                Mac = MacAddress.NormalizeOrNull(JsonPayload.String(root, "mac")) ?? MacAddress.Normalize(inbound.PlugTopic),
                Build = TextFields.WordOrNull(JsonPayload.String(root, "sw"), "sw"),
                TopicPattern = TextFields.WordOrNull(JsonPayload.String(root, "ft"), "ft"),
                Name = TextFields.WordOrNull(JsonPayload.String(root, "hn"), "hn"),
                Model = TextFields.WordOrNull(JsonPayload.String(root, "md"), "md"),
                Ip = TextFields.Ipv4OrNull(JsonPayload.String(root, "ip")),
            },
        ];
    }

    private static void CheckTopic(string topic)
    {
        if (topic.Length > 64 || topic.Any(c => c is <= ' ' or '/' or '+' or '#'))
        {
            throw new BadPayloadException($"discovery topic '{ValueRanges.Clip(topic)}' is not one topic level");
        }
    }
}
