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

    /// <summary>
    /// How long the plug was without power for its restart: from its last going offline after <paramref name="seq"/> to
    /// its coming back since. Null when it never went offline (a restart faster than the broker noticed) or is not back.
    /// </summary>
    public double? OfflineSecondsAfter(long seq) =>
        OfflineSeq > seq && OnlineSeq > OfflineSeq && OnlineAt > OfflineAt ? (OnlineAt - OfflineAt)!.Value.TotalSeconds : null;

    /// <summary>
    /// Whether the plug really restarted since <paramref name="seq"/>, so the build it reports is the one it booted. A
    /// reconnect alone is no proof: after a hub restart a plug's MQTT backoff can bring it back moments after the reboot
    /// request, still on the old build, with the reboot yet to come. The boot count is the best witness, then uptime; a
    /// plug that reports neither (<paramref name="reportsRestarts"/> false before the restart) can only be taken at its
    /// word.
    /// </summary>
    public bool RestartedSince(long seq, int? bootCountBefore, bool reportsRestarts) =>
        bootCountBefore is { } before ? BootCount > before : RestartSeq > seq || !reportsRestarts;

    /// <summary>The plug reconnected after <paramref name="seq"/> and has reported its build since.</summary>
    public bool BuildAfterReconnect(long seq) => OnlineSeq > seq && BuildSeq > OnlineSeq;
}
