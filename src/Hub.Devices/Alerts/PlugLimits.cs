namespace Hub.Devices.Alerts;

/// <summary>
/// One plug's own alert limits. A null field falls back to the fleet-wide default in <see cref="AlertOptions"/>;
/// a row with every field null is the same as no row.
/// </summary>
public sealed class PlugLimits
{
    public long PlugId { get; set; }

    public double? PowerLimitW { get; set; }

    public int? OfflineAfterSeconds { get; set; }

    public double? DailyEnergyBudgetKwh { get; set; }
}
