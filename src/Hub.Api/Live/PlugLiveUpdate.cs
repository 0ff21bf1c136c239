namespace Hub.Api.Live;

public sealed record PlugLiveUpdate(
    long PlugId, bool Online, IReadOnlyDictionary<int, bool> Relays, double? PowerW, double? VoltageV, double? CurrentA,
    double? EnergyCounterWh, long? UptimeSeconds, int? RssiDbm, string? LastRebootReason, DateTimeOffset? LastSeenAt);
