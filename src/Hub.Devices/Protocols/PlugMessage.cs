using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols;

/// <summary>
/// What one MQTT message said. <see cref="Protocol"/> names the dialect when only one dialect uses the topic, so a new
/// plug's protocol can be learnt from it; it is null for topics both use (<c>stat/&lt;T&gt;/RESULT</c>) and for
/// topics no protocol knows (then <see cref="Events"/> holds one <see cref="MalformedInput"/>).
/// </summary>
public sealed record PlugMessage(PlugProtocolKind? Protocol, IReadOnlyList<PlugEvent> Events);
