using System.Diagnostics;
using System.Globalization;
using Hub.Energy.Queries;
using Hub.Energy.Rollups;
using Hub.Energy.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Benchmarks;

/// <summary>Query latencies on a one-year fleet, from rollups and, for comparison, the same answers from raw rows.</summary>
internal static class QueryBenchmark
{
    private const int RawIntervalS = 10;

    public static async Task RunAsync(int plugs)
    {
        await using var host = await BenchHost.StartAsync();
        var now = TimeProvider.System.GetUtcNow();
        var seeding = Stopwatch.StartNew();
        QueryData.Seed(host.DatabasePath, plugs, now.ToUnixTimeSeconds(), RawIntervalS);
        await host.ScopedAsync(async sp =>
        {
            // The rollup job keeps the fleet's totals as plug 0; seeding wrote plugs only.
            var db = sp.GetRequiredService<EnergyDb>();
            var firstDay = DateOnly.FromDateTime(now.AddDays(-366).UtcDateTime).DayNumber;
            await db.Database.ExecuteSqlRawAsync(RollupSql.Fleet("DayRollups"), [(long)firstDay, firstDay + 368L]);
            var hour = now.ToUnixTimeSeconds() / 3600;
            await db.Database.ExecuteSqlRawAsync(RollupSql.Fleet("HourRollups"), [hour - (367 * 24), hour + 1]);
            // Seeding wrote the year in minutes through the WAL; a running hub checkpoints every 1,000 pages, so its
            // WAL stays a few MB. Queries are measured against that steady state, not against a WAL of the whole seed.
            return await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        });
        var seeded = seeding.Elapsed;
        var yearAgo = now.AddDays(-365);
        var random = new Random(7);

        var day = await P95Async(host, 50, sp => Count(sp.GetRequiredService<EnergyQueries>()
            .SeriesAsync(random.Next(1, plugs + 1), now.AddDays(-1), now, Resolution.Minute, default)));
        var year = await P95Async(host, 40, sp => Count(sp.GetRequiredService<EnergyQueries>()
            .SeriesAsync(random.Next(1, plugs + 1), yearAgo, now, Resolution.Hour, default)));
        var fleet = await P95Async(host, 5, async sp => (await sp.GetRequiredService<EnergyTotals>()
            .TotalsAsync(null, DateOnly.FromDateTime(yearAgo.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime), TotalPeriod.Day, default)).Count);
        var rawDay = await P95Async(host, 20, sp => RawBucketsAsync(sp, random.Next(1, plugs + 1), now.AddDays(-1), now, 60));
        var rawYear = await P95Async(host, 3, sp => RawBucketsAsync(sp, 1, yearAgo, now, 3600));
        var rawFleetDay = await P95Async(host, 3, sp => RawFleetAsync(sp, now.AddDays(-1), now));
        var fleetDay = await P95Async(host, 5, async sp => (await sp.GetRequiredService<EnergyTotals>()
            .TotalsAsync(null, DateOnly.FromDateTime(now.AddDays(-1).UtcDateTime), DateOnly.FromDateTime(now.AddDays(1).UtcDateTime), TotalPeriod.Day, default)).Count);

        Console.WriteLine("## Energy queries");
        Console.WriteLine();
        Console.WriteLine(Invariant($"{plugs:N0} plugs, one year of hour and day rollups, a day of minute rollups, raw readings every {RawIntervalS} s for the fleet's last day and one plug's whole year ({new FileInfo(host.DatabasePath).Length / 1e9:N2} GB file, seeded in {seeded.TotalSeconds:N0} s)."));
        Console.WriteLine();
        Console.WriteLine("| query | from rollups, p95 | from raw rows, p95 | rollups faster by |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Row("a plug's 24 h by minute (1,440 points)", day, rawDay);
        Row("a plug's year by hour (8,760 points)", year, rawYear);
        Row("the fleet's last two days' totals", fleetDay, rawFleetDay);
        Console.WriteLine(Invariant($"| the fleet's year by day (365 totals) | {fleet.TotalMilliseconds:N1} ms | raw kept 35 days only | – |"));
        Console.WriteLine();
    }

    private static void Row(string name, TimeSpan rollup, TimeSpan raw) => Console.WriteLine(Invariant(
        $"| {name} | {rollup.TotalMilliseconds:N1} ms | {raw.TotalMilliseconds:N1} ms | {raw / rollup:N0}x |"));

    private static async Task<int> Count(IAsyncEnumerable<SeriesPoint> points)
    {
        var n = 0;
        await foreach (var _ in points)
        {
            n++;
        }

        return n;
    }

    /// <summary>What the series would cost without rollups: read every raw row and bucket it in memory.</summary>
    private static async Task<int> RawBucketsAsync(IServiceProvider sp, long plug, DateTimeOffset from, DateTimeOffset to, long bucketS)
    {
        var db = sp.GetRequiredService<EnergyDb>();
        var low = ReadingKey.For(plug, from.ToUnixTimeSeconds());
        var high = ReadingKey.For(plug, to.ToUnixTimeSeconds());
        var buckets = await db.Readings.AsNoTracking().Where(r => r.Key >= low && r.Key < high)
            .GroupBy(r => (r.Key % 4294967296) / bucketS)
            .Select(g => new { g.Key, E = g.Sum(r => r.DeltaMwh), Min = g.Min(r => r.PowerDw), Max = g.Max(r => r.PowerDw), Avg = g.Average(r => r.PowerDw) })
            .ToListAsync();
        return buckets.Count;
    }

    private static async Task<int> RawFleetAsync(IServiceProvider sp, DateTimeOffset from, DateTimeOffset to)
    {
        var db = sp.GetRequiredService<EnergyDb>();
        long low = from.ToUnixTimeSeconds();
        long high = to.ToUnixTimeSeconds();
        var perPlug = await db.Plugs.AsNoTracking()
            .Select(p => new
            {
                p.PlugId,
                E = db.Readings.Where(r => r.Key >= (p.PlugId * 4294967296) + low && r.Key < (p.PlugId * 4294967296) + high).Sum(r => r.DeltaMwh),
            })
            .ToListAsync();
        return perPlug.Count;
    }

    private static async Task<TimeSpan> P95Async(BenchHost host, int runs, Func<IServiceProvider, Task<int>> query)
    {
        await host.ScopedAsync(query);
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await host.ScopedAsync(query);
            times.Add(clock.Elapsed);
        }

        times.Sort();
        Console.Error.WriteLine(Invariant($"  {runs} runs: median {times[times.Count / 2].TotalMilliseconds:N1} ms, slowest {times[^1].TotalMilliseconds:N1} ms"));
        return times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
