using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols;

/// <summary>
/// The Tasmota-style JSON messages OpenBeken copies: <c>stat/&lt;T&gt;/RESULT</c> (the raw reply for whoever waits on
/// it, the relays it names, and the health fields when it answers <c>STATE</c>), and with flag 30
/// <c>tele/&lt;T&gt;/STATE</c> and <c>tele/&lt;T&gt;/SENSOR</c>.
/// </summary>
internal static class ResultPayload
{
    public static IReadOnlyList<PlugEvent> Parse(Inbound inbound, ReadOnlySpan<byte> payload, string text)
    {
        using var document = JsonPayload.Parse(payload);
        var root = JsonPayload.RootObject(document);
        var events = new List<PlugEvent> { new CommandResultReported { Topic = inbound.PlugTopic, At = inbound.At, Payload = text } };
        PowerFields.AddRelays(root, inbound, events);
        AddState(root, inbound, events);
        return events;
    }

    public static IReadOnlyList<PlugEvent> ParseState(Inbound inbound, ReadOnlySpan<byte> payload)
    {
        using var document = JsonPayload.Parse(payload);
        var root = JsonPayload.RootObject(document);
        var events = new List<PlugEvent>();
        PowerFields.AddRelays(root, inbound, events);
        AddState(root, inbound, events);
        return events;
    }

    public static IReadOnlyList<PlugEvent> ParseSensor(Inbound inbound, ReadOnlySpan<byte> payload)
    {
        using var document = JsonPayload.Parse(payload);
        var events = new List<PlugEvent>();
        EnergyObject.Add(JsonPayload.RootObject(document), inbound, events);
        return events;
    }

    /// <summary>Adds a <see cref="TelemetryReported"/> when the object carries STATE's health fields.</summary>
    public static void AddState(System.Text.Json.JsonElement state, Inbound inbound, List<PlugEvent> events)
    {
        var uptime = StateFields.UptimeSeconds(state);
        var heap = StateFields.FreeHeapBytes(state);
        var rssi = StateFields.RssiDbm(state);
        if (uptime is not null || heap is not null || rssi is not null)
        {
            events.Add(new TelemetryReported
            {
                Topic = inbound.PlugTopic, At = inbound.At, UptimeSeconds = uptime, FreeHeapBytes = heap, RssiDbm = rssi,
            });
        }
    }
}
