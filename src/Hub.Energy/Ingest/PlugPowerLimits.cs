using System.Collections.Concurrent;
using Hub.Energy.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Energy.Ingest;

/// <summary>
/// Each plug's maximum power for the glitch rule: a 2 kW heater's counter jumping by what 3.6 kW could deliver is a
/// glitch for that plug. Stored in <c>EnergyPlugs.MaxPowerW</c> and mirrored here, so the ingest worker reads it
/// without a query and sees a change with its next batch.
/// </summary>
public sealed class PlugPowerLimits(IServiceScopeFactory scopes, IOptions<EnergyOptions> options)
{
    private readonly ConcurrentDictionary<long, double> _limits = new();

    public double DefaultW => options.Value.MaxPowerW;

    public double For(long plugId) => _limits.TryGetValue(plugId, out var w) ? w : DefaultW;

    public bool IsSet(long plugId) => _limits.ContainsKey(plugId);

    /// <summary>Sets (or with null clears) a plug's limit; false when the plug has no energy data yet.</summary>
    public async Task<bool> SetAsync(long plugId, double? maxPowerW, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnergyDb>();
        var updated = await db.Plugs.Where(p => p.PlugId == plugId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.MaxPowerW, maxPowerW), ct);
        if (updated == 0)
        {
            return false;
        }

        Mirror(plugId, maxPowerW);
        return true;
    }

    internal void Mirror(long plugId, double? maxPowerW)
    {
        if (maxPowerW is { } w)
        {
            _limits[plugId] = w;
        }
        else
        {
            _limits.TryRemove(plugId, out _);
        }
    }
}
