namespace Hub.Devices.Alerts.Rules;

/// <summary>
/// Today's energy per plug. The energy module owns the readings and depends on this module, so it fills this seam;
/// without it (the devices module alone) the budget rule has nothing to read and stays quiet.
/// </summary>
public interface IDailyEnergy
{
    /// <summary>Null when no energy store is present.</summary>
    Task<DailyEnergy?> TodayAsync(CancellationToken ct);
}
