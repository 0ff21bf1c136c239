using Hub.Devices.Alerts.Rules;
using Hub.Energy.Rollups;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Api.Energy;

/// <summary>
/// Today's energy of the whole fleet in one request, for the fleet page's column, instead of a thousand summary calls.
/// The same keyed day-rollup lookups the daily-budget alert rule reads (<see cref="IDailyEnergy"/>), so the cost does
/// not grow with the history kept.
/// </summary>
internal static class EnergyTodayEndpoint
{
    public static async Task<Ok<TodayEnergyResponse>> TodayAsync(IDailyEnergy energy, EnergyCalendar calendar, TimeProvider time,
        CancellationToken ct)
    {
        // Null only while the energy store is still being migrated: nothing is stored for today yet.
        var today = await energy.TodayAsync(ct);
        return TypedResults.Ok(new TodayEnergyResponse(today?.Day ?? calendar.LocalDate(time.GetUtcNow()),
            [.. (today?.KwhByPlug ?? new Dictionary<long, double>()).OrderBy(p => p.Key).Select(p => new PlugEnergyToday(p.Key, p.Value * 1000))]));
    }
}
