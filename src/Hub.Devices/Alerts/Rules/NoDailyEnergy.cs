namespace Hub.Devices.Alerts.Rules;

internal sealed class NoDailyEnergy : IDailyEnergy
{
    public Task<DailyEnergy?> TodayAsync(CancellationToken ct) => Task.FromResult<DailyEnergy?>(null);
}
