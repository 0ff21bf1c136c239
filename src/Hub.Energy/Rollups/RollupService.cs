using Hub.Energy.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Hub.Energy.Rollups;

/// <summary>
/// Brings the minute, hour, day and month rollups up to date with every minute the writer marked dirty. Work goes in
/// chunks of a few hours of data, each its own short transaction, so catching up after downtime never stalls ingest.
/// </summary>
public sealed class RollupService(EnergyDb db, EnergyCalendar calendar, ILogger<RollupService> logger)
{
    private const int ChunkMinutes = 360;

    private static readonly string HoursFromMinutes = RollupSql.Aggregate("HourRollups", "MinuteRollups", 60);
    private static readonly string DayFromHours = RollupSql.Aggregate("DayRollups", "HourRollups", 0);
    private static readonly string DayFromMinutes = RollupSql.Aggregate("DayRollups", "MinuteRollups", 0);
    private static readonly string MonthFromDays = RollupSql.Aggregate("MonthRollups", "DayRollups", 0);
    private static readonly string FleetHours = RollupSql.Fleet("HourRollups");
    private static readonly string FleetDays = RollupSql.Fleet("DayRollups");
    private static readonly string FleetMonths = RollupSql.Fleet("MonthRollups");

    /// <summary>Returns the number of dirty minutes processed.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var dirty = await db.DirtyMinutes.AsNoTracking().OrderBy(d => d.Minute).Take(ChunkMinutes).ToListAsync(ct);
            if (dirty.Count == 0)
            {
                break;
            }

            await ProcessAsync(dirty, ct);
            total += dirty.Count;
        }

        if (total > 0)
        {
            logger.LogDebug("Rolled up {Minutes} dirty minutes", total);
        }

        return total;
    }

    private async Task ProcessAsync(List<DirtyMinute> dirty, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (first, last) in Runs(dirty.Select(d => d.Minute)))
        {
            await db.Database.ExecuteSqlRawAsync(RollupSql.MinutesFromReadings, [first * 60, (last + 1) * 60], ct);
        }

        foreach (var (first, last) in Runs(dirty.Select(d => d.Minute / 60).Distinct()))
        {
            await db.Database.ExecuteSqlRawAsync(HoursFromMinutes, [first * 60, (last + 1) * 60], ct);
            await db.Database.ExecuteSqlRawAsync(FleetHours, [first, last + 1], ct);
        }

        var days = dirty.Select(d => calendar.LocalDate(DateTimeOffset.FromUnixTimeSeconds(d.Minute * 60))).Distinct()
            .ToList();
        foreach (var day in days)
        {
            await DayAsync(day, ct);
            await db.Database.ExecuteSqlRawAsync(FleetDays, [(long)day.DayNumber, day.DayNumber + 1L], ct);
        }

        foreach (var month in days.Select(EnergyCalendar.MonthNumber).Distinct())
        {
            var start = EnergyCalendar.MonthStart(month);
            await db.Database.ExecuteSqlRawAsync(MonthFromDays,
                [(long)start.DayNumber, (long)start.AddMonths(1).DayNumber, month], ct);
            await db.Database.ExecuteSqlRawAsync(FleetMonths, [month, month + 1], ct);
        }

        // A packed day's blocks change with its hour rows, in this transaction, so a block never disagrees with them.
        if (await HourBlockPacker.WatermarkAsync(db, ct) is { } packedThrough)
        {
            foreach (var day in dirty.Select(d => d.Minute / 1_440).Distinct().Where(d => d <= packedThrough))
            {
                await HourBlockWriter.WriteDayAsync(db, day, ct);
            }
        }

        foreach (var marker in dirty)
        {
            // Only if no batch touched the minute since we read the marker; otherwise the next run does it again.
            await db.DirtyMinutes.Where(d => d.Minute == marker.Minute && d.Version == marker.Version)
                .ExecuteDeleteAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    private async Task DayAsync(DateOnly day, CancellationToken ct)
    {
        var (startS, endS) = calendar.DaySeconds(day);

        // Where local midnight falls on a UTC hour (all but a few zones) the day is the sum of its 23 to 25 hours.
        if (startS % 3600 == 0 && endS % 3600 == 0)
        {
            await db.Database.ExecuteSqlRawAsync(DayFromHours, [startS / 3600, endS / 3600, (long)day.DayNumber], ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync(DayFromMinutes, [startS / 60, endS / 60, (long)day.DayNumber], ct);
        }
    }

    private static IEnumerable<(long First, long Last)> Runs(IEnumerable<long> sorted)
    {
        long? first = null;
        long last = 0;
        foreach (var value in sorted)
        {
            if (first is not null && value == last + 1)
            {
                last = value;
                continue;
            }

            if (first is { } f)
            {
                yield return (f, last);
            }

            first = value;
            last = value;
        }

        if (first is { } final)
        {
            yield return (final, last);
        }
    }
}
