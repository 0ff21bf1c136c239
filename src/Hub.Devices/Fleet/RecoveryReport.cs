namespace Hub.Devices.Fleet;

/// <summary>After a broker outage: which plugs that were online before it had not returned when the grace period ended.</summary>
public sealed record RecoveryReport(DateTimeOffset DisconnectedAt, DateTimeOffset ReconnectedAt, DateTimeOffset CheckedAt,
    int PlugsBefore, IReadOnlyList<long> NotBack);
