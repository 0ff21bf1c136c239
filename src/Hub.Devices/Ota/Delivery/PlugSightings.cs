namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// What a plug said lately, each fact stamped with the watcher's sequence number, so a delivery can ask "did it restart
/// after I told it to, and which build did it report since?" without comparing clocks.
/// </summary>
public sealed record PlugSightings
{
    public long OnlineSeq { get; init; }

    public DateTimeOffset? OnlineAt { get; init; }

    public DateTimeOffset? OfflineAt { get; init; }

    public long OfflineSeq { get; init; }

    /// <summary>Boot count changed or uptime went backwards.</summary>
    public long RestartSeq { get; init; }

    public long BuildSeq { get; init; }

    public string? Build { get; init; }

    public int? BootCount { get; init; }

    public long? UptimeSeconds { get; init; }

    public long OtaSeq { get; init; }

    public string? OtaState { get; init; }

    public string? OtaDetail { get; init; }

    /// <summary>Connected to the broker as far as this run of the hub has seen.</summary>
    public bool IsOnline => OnlineSeq > OfflineSeq;

    /// <summary>Reports a boot count or an uptime, so a restart shows in <see cref="RestartSeq"/>, not only as a reconnect.</summary>
    public bool ReportsRestarts => BootCount is not null || UptimeSeconds is not null;

    /// <summary>Any sign of a restart after <paramref name="seq"/>.</summary>
    public bool RestartedAfter(long seq) => OfflineSeq > seq || OnlineSeq > seq || RestartSeq > seq;

    /// <summary>How long the plug was offline, when it went offline after <paramref name="seq"/> and came back since.</summary>
    public double? OfflineSecondsAfter(long seq) =>
        OfflineSeq > seq && OnlineSeq > OfflineSeq && OnlineAt >= OfflineAt ? (OnlineAt - OfflineAt)!.Value.TotalSeconds : null;

    /// <summary>The plug reconnected after <paramref name="seq"/> and has reported its build since.</summary>
    public bool BuildAfterReconnect(long seq) => OnlineSeq > seq && BuildSeq > OnlineSeq;
}
