using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols.Tasmota;

/// <summary>Which parser reads which Tasmota message, by prefix kind and message name.</summary>
internal static class TasmotaMessages
{
    public static IReadOnlyList<PlugEvent> Parse(Inbound inbound, string name, ReadOnlySpan<byte> payload, string text)
    {
        switch (name)
        {
            case "discovery":
                return TasmotaDiscovery.Parse(inbound, payload);
            case "tele/LWT":
                return AvailabilityText.Parse(inbound, text);
            case "tele/SENSOR":
                return SharedMessages.Sensor(inbound, payload);
            case "tele/STATE" or "tele/UPTIME":
                return SharedMessages.State(inbound, payload);
            case "tele/INFO1" or "tele/INFO2" or "tele/INFO3":
                return JsonPayload.Events(payload, (root, events) => TasmotaStatus.AddInfo(root, inbound, events));
            case "stat/RESULT":
                return SharedMessages.Result(inbound, payload, text);
        }

        if (name.StartsWith("stat/", StringComparison.Ordinal) && PowerFields.RelayNumber(name[5..]) is { } relay)
        {
            return [new RelayReported { Topic = inbound.PlugTopic, At = inbound.At, Channel = relay, On = PowerFields.IsOn(text) }];
        }

        if (name.StartsWith("stat/STATUS", StringComparison.Ordinal))
        {
            return JsonPayload.Events(payload, (root, events) =>
            {
                events.Add(Result(inbound, text));
                TasmotaStatus.AddStatus(root, inbound, events);
            });
        }

        // Any other stat/<T>/<COMMAND> is a reply sent there instead of to RESULT (SetOption4); tele names we do not
        // subscribe to are not worth reporting.
        return name.StartsWith("stat/", StringComparison.Ordinal) ? [Result(inbound, text)] : [];
    }

    private static CommandResultReported Result(Inbound inbound, string text) =>
        new() { Topic = inbound.PlugTopic, At = inbound.At, Payload = text };
}
