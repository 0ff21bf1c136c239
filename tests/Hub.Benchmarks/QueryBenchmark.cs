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
        var (packing, blockDays, blockBytes, payloadBytes) = await PackAsync(host);
        var yearAgo = now.AddDays(-365);
        var random = new Random(7);

        var day = await P95Async(host, 50, sp => Count(sp.GetRequiredService<EnergyQueries>()
            .SeriesAsync(random.Next(1, plugs + 1), now.AddDays(-1), now, Resolution.Minute, default)));
        var year = await P95Async(host, 40, sp => Count(sp.GetRequiredService<EnergyQueries>()
            .SeriesAsync(random.Next(1, plugs + 1), yearAgo, now, Resolution.Hour, default)));
        var fleet = await P95Async(host, 5, async sp => (await sp.GetRequiredService<EnergyTotals>()
            .TotalsAsync(null, DateOnly.FromDateTime(yearAgo.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime), TotalPeriod.Day, default)).Count);
        var yearRows = await P95Async(host, 40, sp => HourRowsAsync(sp, random.Next(1, plugs + 1), yearAgo, now));
        var rawDay = await P95Async(host, 20, sp => RawSeriesAsync(sp, random.Next(1, plugs + 1), now.AddDays(-1), now, 60));
        var rawYear = await P95Async(host, 3, sp => RawSeriesAsync(sp, 1, yearAgo, now, 3600));
        var rawFleetDay = await P95Async(host, 3, sp => RawFleetAsync(sp, now.AddDays(-1), now));
        var fleetDay = await P95Async(host, 5, async sp => (await sp.GetRequiredService<EnergyTotals>()
            .TotalsAsync(null, DateOnly.FromDateTime(now.AddDays(-1).UtcDateTime), DateOnly.FromDateTime(now.AddDays(1).UtcDateTime), TotalPeriod.Day, default)).Count);

        Console.WriteLine("## Energy queries");
        Console.WriteLine();
        Console.WriteLine(Invariant($"{plugs:N0} plugs, one year of hour and day rollups, a day of minute rollups, raw readings every {RawIntervalS} s for the fleet's last day and one plug's whole year ({new FileInfo(host.DatabasePath).Length / 1e9:N2} GB file, seeded in {seeded.TotalSeconds:N0} s). The hub's packer then packed {blockDays} complete days into hour blocks in {packing.TotalSeconds:N0} s: the file grew by {blockBytes / 1e6:N0} MB, {blockBytes / (double)(plugs + 1) / (blockDays / 365.0) / 1e3:N0} kB per plug-year ({payloadBytes / (double)(plugs + 1) / (blockDays / 365.0) / 1e3:N0} kB of it payload)."));
        Console.WriteLine();
        Console.WriteLine("| query | from rollups, p95 | from raw rows, p95 | rollups faster by |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Row("a plug's 24 h by minute (1,440 points)", day, rawDay);
        Row("a plug's year by hour (8,760 points)", year, rawYear);
        Row("the same year from hour rows only (no blocks)", yearRows, rawYear);
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

    /// <summary>
    /// Packs every complete day with the hub's own packer, as the rollup job would after an upgrade; returns the time,
    /// the days packed, the file's growth (after a checkpoint, as the queries see it) and the payload bytes.
    /// </summary>
    private static async Task<(TimeSpan Took, int Days, long FileBytes, long PayloadBytes)> PackAsync(BenchHost host)
    {
        var before = new FileInfo(host.DatabasePath).Length;
        var clock = Stopwatch.StartNew();
        var days = 0;
        int packed;
        do
        {
            packed = await host.ScopedAsync(sp => sp.GetRequiredService<HourBlockPacker>().PackAsync(HourBlockPacker.DaysPerRun, default));
            days += packed;
        }
        while (packed > 0);

        var took = clock.Elapsed;
        var payload = await host.ScopedAsync(async sp =>
        {
            var db = sp.GetRequiredService<EnergyDb>();
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            return await db.HourBlocks.SumAsync(b => (long)b.Payload.Length);
        });
        return (took, days, new FileInfo(host.DatabasePath).Length - before, payload);
    }

    /// <summary>The year series as it was read before hour blocks: every hour row, mapped to the same points.</summary>
    private static async Task<int> HourRowsAsync(IServiceProvider sp, long plug, DateTimeOffset from, DateTimeOffset to)
    {
        var db = sp.GetRequiredService<EnergyDb>();
        var low = ReadingKey.For(plug, from.ToUnixTimeSeconds() / 3600);
        var high = ReadingKey.For(plug, (to.ToUnixTimeSeconds() + 3599) / 3600);
        var n = 0;
        await foreach (var r in RollupRangeReader.ReadAsync<HourRollup>(db, low, high, default))
        {
            _ = new SeriesPoint(DateTimeOffset.FromUnixTimeSeconds(ReadingKey.BucketOf(r.Key) * 3600),
                r.EnergyMwh / 1000.0, r.PowerSamples > 0 ? r.PowerSumDw / 10.0 / r.PowerSamples : null,
                Units.Watts(r.MinPowerDw), Units.Watts(r.MaxPowerDw), Units.Volts(r.MinVoltageDv),
                Units.Volts(r.MaxVoltageDv), Units.Amps(r.MinCurrentMa), Units.Amps(r.MaxCurrentMa), r.Samples,
                Math.Min(1, r.OnlineMinutes / 60.0), null);
            n++;
        }

        return n;
    }

    /// <summary>
    /// The series' answer without rollups: every raw row of the range grouped per bucket inside SQLite (energy, samples,
    /// min/avg/max W, V and A ranges, minutes with readings for the online share), mapped to the same points.
    /// </summary>
    private static async Task<int> RawSeriesAsync(IServiceProvider sp, long plug, DateTimeOffset from, DateTimeOffset to,
        long bucketS)
    {
        var db = sp.GetRequiredService<EnergyDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT ("Key" - $base) / $bucket, coalesce(sum("DeltaMwh"), 0), count(*), count("PowerDw"),
                coalesce(sum("PowerDw"), 0), min("PowerDw"), max("PowerDw"), min("VoltageDv"), max("VoltageDv"),
                min("CurrentMa"), max("CurrentMa"), count(DISTINCT ("Key" - $base) / 60)
            FROM "Readings" WHERE "Key" >= $low AND "Key" < $high
            GROUP BY ("Key" - $base) / $bucket ORDER BY 1
            """;
        AddParameter(command, "$base", ReadingKey.First(plug));
        AddParameter(command, "$bucket", bucketS);
        AddParameter(command, "$low", ReadingKey.For(plug, from.ToUnixTimeSeconds()));
        AddParameter(command, "$high", ReadingKey.For(plug, to.ToUnixTimeSeconds()));
        await using var reader = await command.ExecuteReaderAsync();
        var points = new List<SeriesPoint>();
        while (await reader.ReadAsync())
        {
            var powerSamples = reader.GetInt64(3);
            points.Add(new SeriesPoint(DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(0) * bucketS),
                reader.GetInt64(1) / 1000.0, powerSamples > 0 ? reader.GetInt64(4) / 10.0 / powerSamples : null,
                Units.Watts(Nullable(reader, 5)), Units.Watts(Nullable(reader, 6)), Units.Volts(Nullable(reader, 7)),
                Units.Volts(Nullable(reader, 8)), Units.Amps(Nullable(reader, 9)), Units.Amps(Nullable(reader, 10)),
                reader.GetInt32(2), Math.Min(1, reader.GetInt64(11) / (bucketS / 60.0)), null));
        }

        return points.Count;
    }

    private static long? Nullable(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static void AddParameter(System.Data.Common.DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
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
