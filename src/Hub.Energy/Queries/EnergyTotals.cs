using Hub.Energy.Rollups;
using Hub.Energy.Storage;
using Hub.Energy.Tariffs;
using Microsoft.EntityFrameworkCore;

namespace Hub.Energy.Queries;

/// <summary>
/// Energy and cost per local day or month, for one plug or the whole fleet, from the day rollups; time-of-use prices
/// need the hour rollups. The daily fee is the household's, so only fleet totals carry it.
/// </summary>
public sealed class EnergyTotals(EnergyDb db, EnergyCalendar calendar, TimeProvider time)
{
    private const long Stride = 1L << 32;

    public async Task<List<EnergyTotal>> TotalsAsync(
        long? plugId, DateOnly from, DateOnly to, TotalPeriod period, CancellationToken ct)
    {
        var schedule = await ScheduleAsync(ct);
        var energy = await DayEnergyAsync(plugId, from, to, ct);
        var costs = schedule.IsEmpty ? null : await DayCostsAsync(plugId, from, to, energy, schedule, ct);
        return Summarise(energy, costs, schedule, from, to, period, everyDay: plugId is null && costs is not null);
    }

    /// <summary>
    /// The sum over a set of plugs (a group's or a tag's), without the household's daily fee. Each plug is read as its
    /// own key range, which is what the rollup tables are indexed by.
    /// </summary>
    public async Task<List<EnergyTotal>> PlugSetTotalsAsync(
        IReadOnlyCollection<long> plugIds, DateOnly from, DateOnly to, TotalPeriod period, CancellationToken ct)
    {
        var schedule = await ScheduleAsync(ct);
        var energy = new Dictionary<DateOnly, long>();
        var costs = schedule.IsEmpty ? null : new Dictionary<DateOnly, decimal>();
        foreach (var plugId in plugIds)
        {
            var own = await DayEnergyAsync(plugId, from, to, ct);
            foreach (var (day, mwh) in own)
            {
                energy[day] = energy.GetValueOrDefault(day) + mwh;
            }

            if (costs is not null)
            {
                foreach (var (day, cost) in await DayCostsAsync(plugId, from, to, own, schedule, ct))
                {
                    costs[day] = costs.GetValueOrDefault(day) + cost;
                }
            }
        }

        return Summarise(energy, costs, schedule, from, to, period, everyDay: false);
    }

    public async Task<List<PlugTotal>> TopAsync(DateOnly from, DateOnly to, int count, CancellationToken ct)
    {
        long low = from.DayNumber;
        long high = to.DayNumber;
        var top = await db.DayRollups.AsNoTracking()
            .Where(r => r.Key >= Stride && r.Key % Stride >= low && r.Key % Stride < high)
            .GroupBy(r => r.Key / Stride)
            .Select(g => new { PlugId = g.Key, Mwh = g.Sum(r => r.EnergyMwh) })
            .OrderByDescending(g => g.Mwh)
            .Take(count)
            .ToListAsync(ct);
        var result = new List<PlugTotal>();
        foreach (var plug in top)
        {
            var totals = await TotalsAsync(plug.PlugId, from, to, TotalPeriod.Month, ct);
            var cost = totals.Any(t => t.Cost is not null) ? totals.Sum(t => t.Cost ?? 0) : (decimal?)null;
            result.Add(new PlugTotal(plug.PlugId, plug.Mwh / 1e6, cost, totals.FirstOrDefault()?.Currency));
        }

        return result;
    }

    private async Task<TariffSchedule> ScheduleAsync(CancellationToken ct) =>
        new(await db.Tariffs.AsNoTracking().Include(t => t.Periods).ToListAsync(ct));

    private List<EnergyTotal> Summarise(Dictionary<DateOnly, long> energy, Dictionary<DateOnly, decimal>? costs,
        TariffSchedule schedule, DateOnly from, DateOnly to, TotalPeriod period, bool everyDay)
    {
        var lastDay = Min(to, calendar.LocalDate(time.GetUtcNow()).AddDays(1));
        var days = Enumerable.Range(from.DayNumber, Math.Max(0, lastDay.DayNumber - from.DayNumber))
            .Select(DateOnly.FromDayNumber)
            .Where(d => energy.ContainsKey(d) || everyDay)
            .ToList();
        return [.. days
            .GroupBy(d => period == TotalPeriod.Day ? d : new DateOnly(d.Year, d.Month, 1))
            .Select(g => new EnergyTotal(g.Key, g.Sum(d => energy.GetValueOrDefault(d)) / 1e6,
                costs is null ? null : Math.Round(g.Sum(d => costs.GetValueOrDefault(d)), 4),
                costs is null ? null : schedule.CurrencyFor(g.Key)))];
    }

    private async Task<Dictionary<DateOnly, long>> DayEnergyAsync(long? plugId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = await Range(db.DayRollups, plugId, from.DayNumber, to.DayNumber)
            .GroupBy(r => r.Key % Stride)
            .Select(g => new { Bucket = g.Key, Mwh = g.Sum(r => r.EnergyMwh) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => DateOnly.FromDayNumber((int)r.Bucket), r => r.Mwh);
    }

    private async Task<Dictionary<DateOnly, decimal>> DayCostsAsync(long? plugId, DateOnly from, DateOnly to,
        Dictionary<DateOnly, long> energy, TariffSchedule schedule, CancellationToken ct)
    {
        var costs = new Dictionary<DateOnly, decimal>();
        if (schedule.IsFlatBetween(from, to))
        {
            foreach (var (day, mwh) in energy)
            {
                costs[day] = (mwh / 1_000_000m) * (schedule.For(day)?.Periods[0].PricePerKwh ?? 0);
            }
        }
        else
        {
            var startHour = calendar.DayStart(from).ToUnixTimeSeconds() / 3600;
            var endHour = calendar.DayStart(to).ToUnixTimeSeconds() / 3600;
            var hours = await Range(db.HourRollups, plugId, startHour, endHour)
                .GroupBy(r => r.Key % Stride)
                .Select(g => new { Bucket = g.Key, Mwh = g.Sum(r => r.EnergyMwh) })
                .ToListAsync(ct);
            foreach (var hour in hours)
            {
                // The price at the hour's start: tariffs change on whole local hours.
                var local = calendar.LocalTime(DateTimeOffset.FromUnixTimeSeconds(hour.Bucket * 3600));
                var day = DateOnly.FromDateTime(local);
                var price = schedule.For(day)?.PriceAt(local) ?? 0;
                costs[day] = costs.GetValueOrDefault(day) + ((hour.Mwh / 1_000_000m) * price);
            }
        }

        if (plugId is null)
        {
            var lastDay = Min(to, calendar.LocalDate(time.GetUtcNow()).AddDays(1));
            for (var day = from; day < lastDay; day = day.AddDays(1))
            {
                costs[day] = costs.GetValueOrDefault(day) + (schedule.For(day)?.DailyFee ?? 0);
            }
        }

        return costs;
    }

    /// <summary>A plug's rows, or the fleet's: plug 0 holds the fleet's totals (see <c>RollupSql.Fleet</c>).</summary>
    private static IQueryable<T> Range<T>(DbSet<T> rows, long? plugId, long from, long to)
        where T : RollupRow
    {
        var plug = plugId ?? 0;
        return rows.AsNoTracking().Where(r => r.Key >= (plug * Stride) + from && r.Key < (plug * Stride) + to);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
