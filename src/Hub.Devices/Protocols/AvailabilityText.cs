using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols;

/// <summary>Last-will payloads: OpenBeken's <c>online</c>/<c>offline</c>, Tasmota's <c>Online</c>/<c>Offline</c>.</summary>
internal static class AvailabilityText
{
    public static IReadOnlyList<PlugEvent> Parse(Inbound inbound, string text) => text.ToUpperInvariant() switch
    {
        "ONLINE" => [new AvailabilityChanged { Topic = inbound.PlugTopic, At = inbound.At, Online = true }],
        "OFFLINE" => [new AvailabilityChanged { Topic = inbound.PlugTopic, At = inbound.At, Online = false }],
        _ => throw new BadPayloadException($"availability '{ValueRanges.Clip(text)}' is neither online nor offline"),
    };
}
