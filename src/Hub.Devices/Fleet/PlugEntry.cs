using Hub.Devices.Protocols;

namespace Hub.Devices.Fleet;

/// <summary>What the message path needs to know about a plug, cached from its database row.</summary>
public sealed record PlugEntry(long Id, string Topic, PlugProtocolKind Protocol, PlugStatus Status);
