namespace Hub.Devices.Watchdog;

/// <summary>
/// One check of a plug or of a device behind a plug. Exactly one of <see cref="PlugId"/> and <see cref="DeviceId"/> is
/// set; for a device the plug is the device's. Hosts are only ever the device's own or the plug's address.
/// </summary>
public sealed class Probe
{
    public long Id { get; set; }

    public long? PlugId { get; set; }

    public long? DeviceId { get; set; }

    public ProbeKind Kind { get; set; }

    /// <summary>TCP port, or the HTTP port when the target's address has none.</summary>
    public int? Port { get; set; }

    /// <summary>HTTP path and query, e.g. <c>/api/info</c>.</summary>
    public string? Path { get; set; }

    public int ExpectedStatus { get; set; } = 200;

    public int IntervalSeconds { get; set; } = 30;

    /// <summary>The interval while the target is failing, so a recovery (or a confirmed outage) is seen sooner.</summary>
    public int DownIntervalSeconds { get; set; } = 10;

    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>The target is down when at least this many of the last <see cref="Window"/> results failed.</summary>
    public int FailuresToTrip { get; set; } = 3;

    public int Window { get; set; } = 5;

    /// <summary>For <see cref="ProbeKind.Mqtt"/>: the oldest last message that still counts as alive.</summary>
    public int MaxSilenceSeconds { get; set; } = 180;

    public WatchdogAction OnDown { get; set; } = WatchdogAction.AlertOnly;

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
