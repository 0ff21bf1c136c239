namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// What a plug said lately, each fact stamped with the watcher's sequence number, so a delivery can ask "did it restart
/// after I told it to, and which build did it report since?" without comparing clocks.
/// </summary>
public sealed record PlugSightings
{
    public long OnlineSeq { get; init; }

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

    /// <summary>Any sign of a restart after <paramref name="seq"/>.</summary>
    public bool RestartedAfter(long seq) => OfflineSeq > seq || OnlineSeq > seq || RestartSeq > seq;

    /// <summary>The plug reconnected after <paramref name="seq"/> and has reported its build since.</summary>
    public bool BuildAfterReconnect(long seq) => OnlineSeq > seq && BuildSeq > OnlineSeq;
}
