using System.Text.Json;
using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols;

/// <summary>
/// The Tasmota JSON messages OpenBeken copies: <c>stat/&lt;T&gt;/RESULT</c> (always) and, with its flag 30,
/// <c>tele/&lt;T&gt;/STATE</c> and <c>tele/&lt;T&gt;/SENSOR</c>. Either dialect may read them; the events are the same.
/// </summary>
internal static class SharedMessages
{
    /// <summary>The raw reply for whoever waits on it, the relays it names, and the health fields when it answers STATE.</summary>
    public static List<PlugEvent> Result(Inbound inbound, ReadOnlySpan<byte> payload, string text) =>
        JsonPayload.Events(payload, (root, events) =>
        {
            events.Add(new CommandResultReported { Topic = inbound.PlugTopic, At = inbound.At, Payload = text });
            AddState(root, inbound, events);
        });

    public static List<PlugEvent> State(Inbound inbound, ReadOnlySpan<byte> payload) =>
        JsonPayload.Events(payload, (root, events) => AddState(root, inbound, events));

    public static List<PlugEvent> Sensor(Inbound inbound, ReadOnlySpan<byte> payload) =>
        JsonPayload.Events(payload, (root, events) => EnergyObject.Add(root, inbound, events));

    /// <summary>The relays of a STATE-like object, and a <see cref="TelemetryReported"/> when it has health fields.</summary>
    public static void AddState(JsonElement state, Inbound inbound, List<PlugEvent> events)
    {
        PowerFields.AddRelays(state, inbound, events);
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
