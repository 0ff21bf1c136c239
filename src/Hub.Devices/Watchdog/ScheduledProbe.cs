namespace Hub.Devices.Watchdog;

/// <summary>One probe in the scheduler: its target, its recent results and when it runs next.</summary>
internal sealed class ScheduledProbe(ProbeTarget target, DateTimeOffset nextRunAt)
{
    public ProbeTarget Target { get; set; } = target;

    public ProbeWindow Window { get; set; } = new(target.Probe.FailuresToTrip, target.Probe.Window);

    public DateTimeOffset NextRunAt { get; set; } = nextRunAt;

    public bool Running { get; set; }

    public DateTimeOffset? LastRunAt { get; set; }

    public ProbeResult? Last { get; set; }

    public TimeSpan Interval => TimeSpan.FromSeconds(Window.Suspect ? Target.Probe.DownIntervalSeconds : Target.Probe.IntervalSeconds);
}
