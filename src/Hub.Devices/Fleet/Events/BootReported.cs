namespace Hub.Devices.Fleet.Events;

/// <summary>Why the plug last started, e.g. <c>BL_RST_SOFTWARE_WATCHDOG</c> or Tasmota's <c>Software Watchdog</c>.</summary>
public sealed record BootReported : PlugEvent
{
    public required string RebootReason { get; init; }

    /// <summary>
    /// The reason names a crash or a watchdog rather than a power cycle or a commanded restart. Plugs repeat their boot
    /// info (on every reconnect, on request), so a report is not by itself a new reboot: compare the boot count or uptime.
    /// </summary>
    public bool Abnormal { get; init; }

    public int? BootCount { get; init; }

    /// <summary>Log lines the plug kept from before the reboot, when its firmware keeps them (ours does).</summary>
    public IReadOnlyList<string> LastLogLines { get; init; } = [];
}
