using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Alerts;

public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>A cleared condition must stay cleared this long before the alert resolves, so flapping is not announced.</summary>
    [Range(0, 86400)]
    public int RecoveryHoldSeconds { get; set; } = 120;

    /// <summary>Notifications for repeats of an open alert, after the first one.</summary>
    [Range(0, 100)]
    public int MaxRepeatNotifications { get; set; } = 2;

    /// <summary>An adopted plug offline this long raises an alert.</summary>
    [Range(1, 604800)]
    public int OfflineAfterSeconds { get; set; } = 600;

    /// <summary>This many reboots within <see cref="RebootLoopWindowSeconds"/> is a reboot loop.</summary>
    [Range(2, 1000)]
    public int RebootLoopCount { get; set; } = 3;

    [Range(1, 604800)]
    public int RebootLoopWindowSeconds { get; set; } = 1800;

    /// <summary>An abnormal-reboot alert clears once the plug has stayed up this long.</summary>
    [Range(1, 604800)]
    public int AbnormalRebootClearSeconds { get; set; } = 3600;

    /// <summary>Power above this raises an alert; null turns the rule off.</summary>
    [Range(1, 100000)]
    public double? PowerLimitW { get; set; }

    /// <summary>Energy a plug may use per day in the owner's time zone (<c>Energy:TimeZone</c>); null turns the default off.</summary>
    [Range(0.001, 100000)]
    public double? DailyEnergyBudgetKwh { get; set; }

    /// <summary>Daily budgets for the sum of all plugs carrying a tag, e.g. <c>Alerts:TagEnergyBudgetsKwh:heating = 20</c>.</summary>
    public Dictionary<string, double> TagEnergyBudgetsKwh { get; set; } = [];

    /// <summary>How often the budgets are compared with today's totals; those come from rollups a minute old anyway.</summary>
    [Range(1, 3600)]
    public int EnergyBudgetCheckSeconds { get; set; } = 60;

    /// <summary>Free-heap samples older than this are forgotten; the trend is fitted over what is left.</summary>
    [Range(10, 604800)]
    public int HeapWindowSeconds { get; set; } = 6 * 3600;

    /// <summary>The trend is trusted only over at least this span and this many samples.</summary>
    [Range(1, 604800)]
    public int HeapMinSpanSeconds { get; set; } = 3600;

    [Range(3, 100000)]
    public int HeapMinSamples { get; set; } = 12;

    /// <summary>A leak is a fall faster than this; slower drift is fragmentation noise.</summary>
    [Range(1, 10_000_000)]
    public double HeapMinLeakBytesPerHour { get; set; } = 2048;

    /// <summary>Raise while the projected time to <see cref="HeapFloorBytes"/> is shorter than this.</summary>
    [Range(1, 604800)]
    public int HeapHorizonSeconds { get; set; } = 48 * 3600;

    /// <summary>Where a plug stops working (our firmware restarts below 16 KiB; OpenBeken's HTTP server fails earlier).</summary>
    [Range(0, 10_000_000)]
    public long HeapFloorBytes { get; set; } = 16384;
}
