using System.Collections.Concurrent;
using System.Diagnostics;
using Hub.Devices.Fleet.Events;
using Hub.Energy.Rollups;
using Hub.Energy.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static System.FormattableString;

namespace Hub.Benchmarks;

/// <summary>
/// Sustained ingest at a fleet's pace (every plug one reading a second, each with a QoS 1 receipt): the latency from
/// publishing on the bus to the commit that completes the receipt, alone and while the rollup job (with its hour block
/// packer) and the retention job run back to back, and the process's peak working set meanwhile. Retention gets old raw
/// rows to delete first, and the packer a backlog of days.
/// </summary>
internal static class IngestUnderJobsBenchmark
{
    private const int UnpackedDays = 90;

    public static async Task RunAsync(int plugs, int seconds)
    {
        await using var host = await BenchHost.StartAsync();
        var now = TimeProvider.System.GetUtcNow();
        var oldRows = SeedExpired(host.DatabasePath, plugs, now.AddDays(-40).ToUnixTimeSeconds());
        SeedUnpackedHours(host.DatabasePath, plugs, now.ToUnixTimeSeconds() / 86_400);
        var counters = new double[plugs + 1];
        var (alone, aloneRss) = await IngestAsync(host, plugs, seconds, counters);
        var (withJobs, jobsRss, runs, deleted, packed) = await WithJobsAsync(host, plugs, seconds, counters);

        Console.WriteLine("## Ingest while the rollup and retention jobs run");
        Console.WriteLine();
        Console.WriteLine(Invariant($"{plugs:N0} plugs publishing one reading a second each for {seconds} s per phase, QoS 1 receipts; {oldRows:N0} raw rows 40 days old were seeded first; {UnpackedDays} days of hour rollups not yet packed into hour blocks (as after an upgrade) were seeded too; during the second phase the jobs ran {runs} times back to back, retention deleted {deleted:N0} rows and the packer packed {packed} days."));
        Console.WriteLine();
        Console.WriteLine("| phase | readings | p50 publish → commit | p99 publish → commit | peak working set |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Row("ingest alone", alone, aloneRss);
        Row("ingest + rollup and retention jobs", withJobs, jobsRss);
        Console.WriteLine();
        Console.WriteLine(Invariant($"p99 with the jobs is {Percentile(withJobs, 0.99) / Percentile(alone, 0.99):N2}x the p99 alone (goal: at most 2x)."));
        Console.WriteLine();
    }

    private static async Task<(List<double> Latencies, long Rss, int Runs, long Deleted, int Packed)> WithJobsAsync(
        BenchHost host, int plugs, int seconds, double[] counters)
    {
        using var stop = new CancellationTokenSource();
        var runs = 0;
        var deleted = 0L;
        var packed = 0;
        var jobs = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await host.ScopedAsync(sp => sp.GetRequiredService<RollupService>().CatchUpAsync(stop.Token));
                packed += await host.ScopedAsync(sp => sp.GetRequiredService<HourBlockPacker>()
                    .PackAsync(HourBlockPacker.DaysPerRun, stop.Token));
                deleted += await host.ScopedAsync(sp => sp.GetRequiredService<RetentionService>().RunAsync(stop.Token));
                runs++;
            }
        });
        var (latencies, rss) = await IngestAsync(host, plugs, seconds, counters);
        await stop.CancelAsync();
        try
        {
            await jobs;
        }
        catch (OperationCanceledException)
        {
            // The jobs were stopped mid-step, which is what a host shutting down does too.
        }

        return (latencies, rss, runs, deleted, packed);
    }

    private static async Task<(List<double> Latencies, long Rss)> IngestAsync(
        BenchHost host, int plugs, int seconds, double[] counters)
    {
        var latencies = new ConcurrentBag<double>();
        var pending = new List<Task>();
        var peak = 0L;
        var clock = Stopwatch.StartNew();
        for (var second = 0; second < seconds; second++)
        {
            var at = TimeProvider.System.GetUtcNow();
            for (var plug = 1; plug <= plugs; plug++)
            {
                counters[plug] += 0.5 + (plug % 7 / 10.0);
                var receipt = new DeliveryReceipt();
                var sent = clock.Elapsed.TotalMilliseconds;
                pending.Add(receipt.Stored.ContinueWith(_ => latencies.Add(clock.Elapsed.TotalMilliseconds - sent),
                    TaskScheduler.Default));
                await host.Bus.PublishAsync(new ReadingReported
                {
                    Topic = $"obk_{plug:X6}", PlugId = plug, At = at, PowerW = 100 + (plug % 50), VoltageV = 230,
                    CurrentA = 0.5, EnergyCounterWh = counters[plug], Receipt = receipt,
                }, CancellationToken.None);
            }

            peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
            var next = TimeSpan.FromSeconds(second + 1) - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next);
            }
        }

        await Task.WhenAll(pending);
        peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
        return ([.. latencies], peak);
    }

    /// <summary>Raw rows past the 35-day retention, one every 10 s for a day per plug, written as plain inserts.</summary>
    private static int SeedExpired(string databasePath, int plugs, long dayStartS)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = """INSERT OR IGNORE INTO "Readings" ("Key", "PowerDw", "VoltageDv") VALUES ($key, 1000, 2300)""";
        var key = command.Parameters.Add("$key", SqliteType.Integer);
        var rows = 0;
        for (var plug = 1; plug <= plugs; plug++)
        {
            for (var s = 0L; s < 86_400; s += 10)
            {
                key.Value = ReadingKey.For(plug, dayStartS + s);
                rows += command.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return rows;
    }

    /// <summary>
    /// Hour rollups (and the fleet's) for the <see cref="UnpackedDays"/> days before today, so the rollup job's packer
    /// has an upgrade's backlog to work through, a bounded number of days per run, while ingest goes on.
    /// </summary>
    private static void SeedUnpackedHours(string databasePath, int plugs, long today)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        for (var plug = 0; plug <= plugs; plug++)
        {
            QueryData.Rollups(connection, transaction, "HourRollups", plug, (today - UnpackedDays) * 24, today * 24, 60, 360);
        }

        transaction.Commit();
    }

    private static void Row(string name, List<double> latencies, long rss) => Console.WriteLine(Invariant(
        $"| {name} | {latencies.Count:N0} | {Percentile(latencies, 0.5):N1} ms | {Percentile(latencies, 0.99):N1} ms | {rss / 1048576.0:N0} MiB |"));

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
