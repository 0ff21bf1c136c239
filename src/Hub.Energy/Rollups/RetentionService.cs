using Hub.Energy.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Energy.Rollups;

/// <summary>
/// Deletes raw readings and minute rollups past their retention, one plug-day per statement: each delete is a short
/// transaction touching one contiguous key range, so ingest never waits long for the write lock.
/// </summary>
public sealed class RetentionService(
    EnergyDb db, IOptions<EnergyOptions> options, TimeProvider time, ILogger<RetentionService> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var rawCutoff = now - (options.Value.RawRetentionDays * 86_400L);
        var minuteCutoff = (now / 60) - (options.Value.MinuteRetentionDays * 1_440L);
        var plugs = await db.Plugs.AsNoTracking().Select(p => p.PlugId).ToListAsync(ct);
        var deleted = 0;
        foreach (var plug in plugs)
        {
            deleted += await TrimAsync(db.Readings, plug, rawCutoff, 86_400, ct);
            deleted += await TrimAsync(db.MinuteRollups, plug, minuteCutoff, 1_440, ct);
        }

        if (deleted > 0)
        {
            logger.LogInformation("Retention removed {Rows} rows", deleted);
        }

        return deleted;
    }

    private static async Task<int> TrimAsync<T>(DbSet<T> rows, long plug, long cutoff, long step, CancellationToken ct)
        where T : class
    {
        var deleted = 0;
        var first = ReadingKey.First(plug);
        var end = ReadingKey.For(plug, cutoff);
        while (await rows.Where(r => EF.Property<long>(r, "Key") >= first && EF.Property<long>(r, "Key") < end)
                   .Select(r => (long?)EF.Property<long>(r, "Key")).MinAsync(ct) is { } oldest)
        {
            var stepEnd = Math.Min(end, oldest + step);
            deleted += await rows.Where(r => EF.Property<long>(r, "Key") >= first && EF.Property<long>(r, "Key") < stepEnd)
                .ExecuteDeleteAsync(ct);
        }

        return deleted;
    }
}
