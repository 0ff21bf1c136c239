using Hub.Devices.Fleet;

namespace Hub.Devices.Discovery;

/// <summary>A plug found by a search or a scan, and what the fleet made of it.</summary>
public sealed record DiscoveredPlug(long? PlugId, string? Topic, PlugStatus? Status, DiscoveryChange Change, PlugIdentity Identity);
