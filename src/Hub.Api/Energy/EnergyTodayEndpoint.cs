using Hub.Energy.Rollups;
using Hub.Energy.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Energy;

/// <summary>
/// Today's energy of the whole fleet in one request, for the fleet page's column: one indexed range over the day
/// rollups (the same numbers as each plug's summary), instead of a thousand summary calls.
/// </summary>
internal static class EnergyTodayEndpoint
{
    private const long Stride = 1L << 32;

    public static async Task<Ok<TodayEnergyResponse>> TodayAsync(EnergyDb db, EnergyCalendar calendar, TimeProvider time,
        CancellationToken ct)
    {
        var today = calendar.LocalDate(time.GetUtcNow());
        long day = today.DayNumber;
        var rows = await db.DayRollups.AsNoTracking()
            .Where(r => r.Key >= Stride && r.Key % Stride == day)
            .GroupBy(r => r.Key / Stride)
            .Select(g => new { PlugId = g.Key, Mwh = g.Sum(r => r.EnergyMwh) })
            .ToListAsync(ct);
        return TypedResults.Ok(new TodayEnergyResponse(today,
            [.. rows.OrderBy(r => r.PlugId).Select(r => new PlugEnergyToday(r.PlugId, r.Mwh / 1000.0))]));
    }
}
