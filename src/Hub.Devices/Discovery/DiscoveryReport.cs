namespace Hub.Devices.Discovery;

/// <summary>
/// The result of one SSDP search or address scan. <see cref="Answered"/> counts SSDP answers or endpoints that spoke
/// HTTP; <see cref="Unidentified"/> lists devices that looked relevant but could not be identified (password,
/// unknown firmware, timeouts after answering SSDP), not every closed port of a scan.
/// </summary>
public sealed record DiscoveryReport(
    string Method, int Probed, int Answered, IReadOnlyList<DiscoveredPlug> Plugs, IReadOnlyList<IdentifyResult> Unidentified);
