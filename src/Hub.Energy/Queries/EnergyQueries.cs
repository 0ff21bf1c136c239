using System.Runtime.CompilerServices;
using Hub.Energy.Rollups;
using Hub.Energy.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Energy.Queries;

/// <summary>Series and per-plug facts, read from the coarsest level that answers the question.</summary>
public sealed class EnergyQueries(
    EnergyDb db, EnergyCalendar calendar, IOptions<EnergyOptions> options, TimeProvider time, ILogger<EnergyQueries> logger)
{
    /// <summary>Automatic resolution aims for at least this many points.</summary>
    public const int TargetPoints = 500;

    private static readonly (Resolution Level, TimeSpan Size)[] Levels =
    [
        (Resolution.Month, TimeSpan.FromDays(30.44)), (Resolution.Day, TimeSpan.FromDays(1)),
        (Resolution.Hour, TimeSpan.FromHours(1)), (Resolution.Minute, TimeSpan.FromMinutes(1)),
    ];

    /// <summary>A plug is known once it has sent one accepted reading; the fleet registry is not consulted.</summary>
    public Task<bool> IsKnownAsync(long plugId, CancellationToken ct) => db.Plugs.AnyAsync(p => p.PlugId == plugId, ct);

    /// <summary>The coarsest level still giving <see cref="TargetPoints"/> points that retention has kept for the range.</summary>
    public Resolution Choose(DateTimeOffset from, DateTimeOffset to)
    {
        var now = time.GetUtcNow();
        var span = to - from;
        var minutesKept = from >= now.AddDays(-options.Value.MinuteRetentionDays);
        foreach (var (level, size) in Levels)
        {
            if (span / size >= TargetPoints && (level != Resolution.Minute || minutesKept))
            {
                return level;
            }
        }

        return from >= now.AddDays(-options.Value.RawRetentionDays) ? Resolution.Raw
            : minutesKept ? Resolution.Minute : Resolution.Hour;
    }

    /// <summary>Points a range gives at a level, to refuse JSON answers that would not fit in a response.</summary>
    public static double EstimatePoints(Resolution resolution, DateTimeOffset from, DateTimeOffset to) =>
        (to - from) / (resolution == Resolution.Raw ? TimeSpan.FromSeconds(1)
            : Levels.First(l => l.Level == resolution).Size);

    public async IAsyncEnumerable<SeriesPoint> SeriesAsync(long plugId, DateTimeOffset from, DateTimeOffset to,
        Resolution resolution, [EnumeratorCancellation] CancellationToken ct)
    {
        if (resolution == Resolution.Raw)
        {
            var (start, end) = Keys(plugId, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds());
            var rows = db.Readings.AsNoTracking().Where(r => r.Key >= start && r.Key < end).OrderBy(r => r.Key);
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                var w = Units.Watts(r.PowerDw);
                var v = Units.Volts(r.VoltageDv);
                var a = Units.Amps(r.CurrentMa);
                yield return new SeriesPoint(DateTimeOffset.FromUnixTimeSeconds(ReadingKey.BucketOf(r.Key)),
                    Units.WattHours(r.DeltaMwh) ?? 0, w, w, w, v, v, a, a, 1, 1, Units.WattHours(r.CounterMwh));
            }

            yield break;
        }

        var (first, last) = Buckets(resolution, from, to);
        var (low, high) = Keys(plugId, first, last);
        var rollups = resolution switch
        {
            Resolution.Minute => RollupRangeReader.ReadAsync<MinuteRollup>(db, low, high, ct),
            Resolution.Hour => HourSeriesReader.ReadAsync(db, plugId, first, last, logger, ct),
            Resolution.Day => RollupRangeReader.ReadAsync<DayRollup>(db, low, high, ct),
            _ => RollupRangeReader.ReadAsync<MonthRollup>(db, low, high, ct),
        };
        await foreach (var row in rollups)
        {
            var (at, minutes) = BucketStart(resolution, ReadingKey.BucketOf(row.Key));
            yield return Point(row, at, minutes);
        }
    }

    public async Task<PlugSummary?> SummaryAsync(long plugId, EnergyTotals totals, CancellationToken ct)
    {
        var plug = await db.Plugs.AsNoTracking().FirstOrDefaultAsync(p => p.PlugId == plugId, ct);
        if (plug is null)
        {
            return null;
        }

        var today = calendar.LocalDate(time.GetUtcNow());
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var day = (await totals.TotalsAsync(plugId, today, today.AddDays(1), TotalPeriod.Day, ct)).SingleOrDefault();
        var month = (await totals.TotalsAsync(plugId, monthStart, monthStart.AddMonths(1), TotalPeriod.Month, ct))
            .SingleOrDefault();
        return new PlugSummary(plugId, plug.LifetimeMwh / 1e6, Units.WattHours(plug.LastCounterMwh),
            plug.LastCounterS is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null,
            day?.EnergyKwh ?? 0, day?.Cost, month?.EnergyKwh ?? 0, month?.Cost, day?.Currency ?? month?.Currency);
    }

    public async Task<List<EnergyEvent>> EventsAsync(long plugId, CancellationToken ct) =>
        await db.Events.AsNoTracking().Where(e => e.PlugId == plugId).OrderBy(e => e.AtS).ThenBy(e => e.Id).ToListAsync(ct);

    private static (long Low, long High) Keys(long plugId, long firstBucket, long endBucket) =>
        (ReadingKey.For(plugId, firstBucket), ReadingKey.For(plugId, Math.Max(firstBucket, endBucket)));

    private (long First, long End) Buckets(Resolution resolution, DateTimeOffset from, DateTimeOffset to) => resolution switch
    {
        Resolution.Minute => (from.ToUnixTimeSeconds() / 60, (to.ToUnixTimeSeconds() + 59) / 60),
        Resolution.Hour => (from.ToUnixTimeSeconds() / 3600, (to.ToUnixTimeSeconds() + 3599) / 3600),
        Resolution.Day => (calendar.LocalDate(from).DayNumber, calendar.LocalDate(to.AddTicks(-1)).DayNumber + 1),
        _ => (EnergyCalendar.MonthNumber(calendar.LocalDate(from)),
            EnergyCalendar.MonthNumber(calendar.LocalDate(to.AddTicks(-1))) + 1),
    };

    private (DateTimeOffset At, double Minutes) BucketStart(Resolution resolution, long bucket)
    {
        switch (resolution)
        {
            case Resolution.Minute:
                return (DateTimeOffset.FromUnixTimeSeconds(bucket * 60), 1);
            case Resolution.Hour:
                return (DateTimeOffset.FromUnixTimeSeconds(bucket * 3600), 60);
            case Resolution.Day:
                var day = DateOnly.FromDayNumber((int)bucket);
                var start = calendar.DayStart(day);
                return (start, (calendar.DayStart(day.AddDays(1)) - start).TotalMinutes);
            default:
                var month = EnergyCalendar.MonthStart(bucket);
                var first = calendar.DayStart(month);
                return (first, (calendar.DayStart(month.AddMonths(1)) - first).TotalMinutes);
        }
    }

    private static SeriesPoint Point(RollupValues r, DateTimeOffset at, double minutes) => new(
        at, r.EnergyMwh / 1000.0, r.PowerSamples > 0 ? r.PowerSumDw / 10.0 / r.PowerSamples : null,
        Units.Watts(r.MinPowerDw), Units.Watts(r.MaxPowerDw), Units.Volts(r.MinVoltageDv), Units.Volts(r.MaxVoltageDv),
        Units.Amps(r.MinCurrentMa), Units.Amps(r.MaxCurrentMa), r.Samples, Math.Min(1, r.OnlineMinutes / minutes), null);
}
