namespace Hub.Devices.Alerts.Rules;

/// <summary>What the rules remember about one plug between its events.</summary>
internal sealed class PlugRuleState
{
    public int? BootCount { get; set; }

    public long? UptimeSeconds { get; set; }

    public List<DateTimeOffset> Reboots { get; } = [];

    public DateTimeOffset? LastAbnormalAt { get; set; }

    /// <summary>An abnormal boot report waiting for the boot count, which our firmware publishes just after it.</summary>
    public Fleet.Events.BootReported? PendingAbnormal { get; set; }

    public HeapTrend Heap { get; } = new();
}
