using Hub.Energy.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Hub.Energy.Rollups;

/// <summary>
/// Packs the hour rollups of each complete UTC day into hour blocks (one per plug with rows that day, plus the fleet),
/// one day per transaction, and moves the watermark in that same transaction. The current day is never packed, so
/// blocks are not rewritten every minute; late readings for a packed day are folded in by <see cref="RollupService"/>.
/// </summary>
public sealed class HourBlockPacker(EnergyDb db, TimeProvider time, ILogger<HourBlockPacker> logger)
{
    /// <summary>
    /// Days the rollup job packs per run. A day of a 1,000-plug fleet is one transaction of about 1 MB; after an upgrade
    /// a year of history is packed over a dozen runs instead of holding the job (and the write lock) for minutes.
    /// </summary>
    public const int DaysPerRun = 31;

    /// <summary>How long after a day's end it is still left alone, for readings of its last seconds still in flight.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(2);

    private static readonly string SetWatermark = $$"""
        INSERT INTO "HourBlockWatermarks" ("Id", "PackedThroughDay") VALUES ({{HourBlockWatermark.SingletonId}}, {0})
        ON CONFLICT ("Id") DO UPDATE SET "PackedThroughDay" = excluded."PackedThroughDay"
        """;

    /// <summary>Packs at most <paramref name="maxDays"/> complete days; returns how many it packed.</summary>
    public async Task<int> PackAsync(int maxDays, CancellationToken ct)
    {
        var packed = 0;
        while (packed < maxDays && await PackNextDayAsync(ct))
        {
            packed++;
        }

        if (packed > 0)
        {
            logger.LogDebug("Packed {Days} days of hour rollups into blocks", packed);
        }

        return packed;
    }

    /// <summary>The last UTC day whose blocks are kept in step with its rows, or null before the first day is packed.</summary>
    internal static Task<long?> WatermarkAsync(EnergyDb db, CancellationToken ct) =>
        db.HourBlockWatermarks.AsNoTracking().Where(w => w.Id == HourBlockWatermark.SingletonId)
            .Select(w => (long?)w.PackedThroughDay).FirstOrDefaultAsync(ct);

    private async Task<bool> PackNextDayAsync(CancellationToken ct)
    {
        // Looked up first without a transaction: SQLite's BEGIN takes the write lock, and most runs find nothing ready.
        if (await NextReadyDayAsync(ct) is null)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Again inside the transaction, in case another run packed that day in between.
        if (await NextReadyDayAsync(ct) is not { } day)
        {
            return false;
        }

        await HourBlockWriter.WriteDayAsync(db, day, ct);
        await db.Database.ExecuteSqlRawAsync(SetWatermark, [day], ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The first day after the watermark with data, if it has settled and its dirty minutes are rolled up.</summary>
    private async Task<long?> NextReadyDayAsync(CancellationToken ct)
    {
        var watermark = await WatermarkAsync(db, ct);

        // The next day with data, found from the fleet's rows (plug 0 has an hour row wherever any plug has one), so
        // days without data are skipped; if readings for such a day come later it is at or before the watermark and
        // RollupService writes its blocks then.
        var fromHour = watermark is { } w ? (w + 1) * 24 : 0;
        var nextFleetKey = await db.HourRollups.AsNoTracking()
            .Where(r => r.Key >= fromHour && r.Key < RollupSql.PlugStride).OrderBy(r => r.Key)
            .Select(r => (long?)r.Key).FirstOrDefaultAsync(ct);
        if (nextFleetKey is not { } hour)
        {
            return null;
        }

        var day = hour / 24;
        var endMinute = (day + 1) * 1_440;
        if (time.GetUtcNow() < DateTimeOffset.FromUnixTimeSeconds(endMinute * 60) + Settle
            || await db.DirtyMinutes.AnyAsync(d => d.Minute < endMinute, ct))
        {
            return null;
        }

        return day;
    }
}
