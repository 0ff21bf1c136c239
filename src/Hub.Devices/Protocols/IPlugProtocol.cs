using Hub.Devices.Commands;
using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols;

/// <summary>
/// Translates one firmware family's MQTT dialect (OpenBeken, Tasmota) to normalised events and back. Implementations
/// are stateless apart from their settings and never throw on input: what does not parse becomes
/// <see cref="MalformedInput"/>.
/// </summary>
public interface IPlugProtocol
{
    PlugProtocolKind Kind { get; }

    /// <summary>Topic filters the hub subscribes to for this protocol (for every plug at once).</summary>
    IReadOnlyList<string> SubscriptionFilters { get; }

    /// <summary>
    /// The events in a message, or null when the topic does not belong to this protocol (so another protocol may try).
    /// An empty list means "ours, but nothing worth reporting" (for example the echo of our own command).
    /// </summary>
    IReadOnlyList<PlugEvent>? Parse(string mqttTopic, ReadOnlySpan<byte> payload, DateTimeOffset at);

    /// <summary>The messages that carry <paramref name="command"/> to the plug whose client topic is <paramref name="plugTopic"/>.</summary>
    IReadOnlyList<OutboundMessage> Encode(string plugTopic, PlugCommand command);

    /// <summary>Whether <paramref name="evt"/> is the plug's confirmation that <paramref name="command"/> took effect.</summary>
    bool Confirms(PlugCommand command, PlugEvent evt);
}
