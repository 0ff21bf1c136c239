using Hub.Devices.Fleet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Alerts;

/// <summary>
/// Per-plug limits over the fleet defaults, kept in memory because the power rule asks on every reading. Loaded at
/// start and reloaded after the API changes a plug's limits.
/// </summary>
public sealed class PlugLimitsRegistry(IServiceScopeFactory scopes, IOptionsMonitor<AlertOptions> options)
{
    private volatile Dictionary<long, PlugLimits> _limits = [];

    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        _limits = await db.PlugLimits.AsNoTracking().ToDictionaryAsync(l => l.PlugId, ct);
    }

    public PlugLimits? Own(long plugId) => _limits.GetValueOrDefault(plugId);

    public double? PowerLimitW(long plugId) => Own(plugId)?.PowerLimitW ?? options.CurrentValue.PowerLimitW;

    public int OfflineAfterSeconds(long plugId) => Own(plugId)?.OfflineAfterSeconds ?? options.CurrentValue.OfflineAfterSeconds;

    public double? DailyEnergyBudgetKwh(long plugId) =>
        Own(plugId)?.DailyEnergyBudgetKwh ?? options.CurrentValue.DailyEnergyBudgetKwh;
}
