using Hub.Devices.Alerts.Rules;
using Hub.Devices.Storage;
using Hub.Energy.Rollups;
using Hub.Energy.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Energy.Queries;

/// <summary>
/// Fills the alert rules' <see cref="IDailyEnergy"/> seam from the day rollups: one keyed lookup per known plug for
/// today's local day, so the cost does not grow with the history kept. Lags ingest by the rollup interval (a minute).
/// </summary>
internal sealed class DailyEnergyReader(
    IServiceScopeFactory scopes, DatabaseMigrationState<EnergyDb> migration, EnergyCalendar calendar, TimeProvider time)
    : IDailyEnergy
{
    public async Task<DailyEnergy?> TodayAsync(CancellationToken ct)
    {
        // The rules start with the devices store; until the energy store is migrated there is nothing to read.
        if (!migration.Migrated.IsCompletedSuccessfully)
        {
            return null;
        }

        var today = calendar.LocalDate(time.GetUtcNow());
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnergyDb>();
        var keys = (await db.Plugs.AsNoTracking().Select(p => p.PlugId).ToListAsync(ct))
            .Select(p => ReadingKey.For(p, today.DayNumber)).ToList();
        var rows = await db.DayRollups.AsNoTracking().Where(r => keys.Contains(r.Key))
            .Select(r => new { r.Key, r.EnergyMwh }).ToListAsync(ct);
        return new DailyEnergy(today, calendar.Zone.Id,
            rows.ToDictionary(r => ReadingKey.PlugOf(r.Key), r => r.EnergyMwh / 1e6));
    }
}
