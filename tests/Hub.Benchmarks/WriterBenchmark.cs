using System.Diagnostics;
using System.Globalization;
using Hub.Devices.Fleet.Events;
using Hub.Energy.Storage;
using Microsoft.Data.Sqlite;

namespace Hub.Benchmarks;

/// <summary>
/// Readings/s through the hub's ingest (bus, filter, merge, counter logic, batch writer, receipts) against a plain
/// prepared, batched Microsoft.Data.Sqlite insert of the same rows into the same schema, in the same run.
/// </summary>
internal static class WriterBenchmark
{
    // The hub's default Energy:MaxBatchSize, so both paths commit equally often.
    private const int BaselineBatch = 16_000;
    private const int Rounds = 3;

    public static async Task RunAsync(int plugs, int samplesPerPlug)
    {
        var start = TimeProvider.System.GetUtcNow().AddHours(-3);
        var warmUp = BenchReadings.Fleet(100, 100, start);
        await BaselineAsync(warmUp);
        await HubAsync(warmUp);

        // Rounds alternate the two paths so that a busy moment on a shared machine hits both alike.
        var readings = BenchReadings.Fleet(plugs, samplesPerPlug, start);
        var rounds = new List<(double Baseline, double Hub, TimeSpan P99)>();
        for (var round = 0; round < Rounds; round++)
        {
            var baselineRate = await BaselineAsync(readings);
            var (hubRate, p99) = await HubAsync(readings);
            rounds.Add((baselineRate, hubRate, p99));
        }

        var median = rounds.OrderBy(r => r.Hub / r.Baseline).ElementAt(Rounds / 2);
        var (baseline, hub, latencyP99) = median;
        var split = Split(readings.Take(readings.Count / 4).ToList());
        var (splitRate, _) = await HubAsync(split);

        Console.WriteLine("## Energy ingest");
        Console.WriteLine();
        Console.WriteLine(Invariant($"{readings.Count:N0} readings of {plugs:N0} plugs (one Tasmota-style message each: V, A, W, counter), {Environment.ProcessorCount} cores."));
        Console.WriteLine();
        Console.WriteLine("| path | rate | share of baseline |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine(Invariant($"| plain prepared batched insert ({BaselineBatch:N0} rows per transaction) | {baseline:N0} rows/s | 100% |"));
        Console.WriteLine(Invariant($"| hub ingest: bus → filter → merge → counter logic → writer → receipts | {hub:N0} readings/s | {hub / baseline:P0} |"));
        Console.WriteLine(Invariant($"| hub ingest, OpenBeken style (V, A, W, counter as 4 messages, merged per second) | {splitRate:N0} messages/s | – |"));
        Console.WriteLine();
        Console.WriteLine("The round with the median ratio is shown; all rounds (baseline rows/s, hub readings/s, ratio):");
        Console.WriteLine();
        foreach (var r in rounds)
        {
            Console.WriteLine(Invariant($"- {r.Baseline:N0}, {r.Hub:N0}, {r.Hub / r.Baseline:P0}"));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"Receipt latency p99 while saturated (publish → committed): {latencyP99.TotalMilliseconds:N0} ms."));
        Console.WriteLine();
    }

    private static async Task<double> BaselineAsync(List<ReadingReported> readings)
    {
        await using var host = await BenchHost.StartAsync();
        var rows = Rows(readings);
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;";
            pragma.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO "Readings" ("Key", "VoltageDv", "CurrentMa", "PowerDw", "CounterMwh", "DeltaMwh")
            VALUES ($k, $v, $a, $w, $c, $d)
            """;
        var p = new[] { "$k", "$v", "$a", "$w", "$c", "$d" }.Select(n => insert.Parameters.Add(n, SqliteType.Integer)).ToArray();
        insert.Prepare();
        var clock = Stopwatch.StartNew();
        for (var first = 0; first < rows.Count; first += BaselineBatch)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var r = first; r < Math.Min(rows.Count, first + BaselineBatch); r++)
            {
                var row = rows[r];
                for (var i = 0; i < row.Length; i++)
                {
                    p[i].Value = (object?)row[i] ?? DBNull.Value;
                }

                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return rows.Count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double Rate, TimeSpan P99)> HubAsync(List<ReadingReported> readings)
    {
        await using var host = await BenchHost.StartAsync();
        var bus = host.Bus;
        var measured = new List<Task<TimeSpan>>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < readings.Count; i++)
        {
            var reading = readings[i];
            if (i % 500 == 0 || i == readings.Count - 1)
            {
                var receipt = new DeliveryReceipt();
                var sent = Stopwatch.GetTimestamp();
                measured.Add(receipt.Stored.ContinueWith(_ => Stopwatch.GetElapsedTime(sent), TaskScheduler.Default));
                reading = reading with { Receipt = receipt };
            }

            await bus.PublishAsync(reading, CancellationToken.None);
        }

        var latencies = await Task.WhenAll(measured);
        var elapsed = clock.Elapsed;
        var sorted = latencies.Order().ToList();
        return (readings.Count / elapsed.TotalSeconds, sorted.Count == 0 ? TimeSpan.Zero : sorted[(int)(sorted.Count * 0.99)]);
    }

    private static List<ReadingReported> Split(List<ReadingReported> readings) =>
    [
        .. readings.SelectMany(r => new[]
        {
            r with { CurrentA = null, PowerW = null, EnergyCounterWh = null },
            r with { VoltageV = null, PowerW = null, EnergyCounterWh = null, At = r.At.AddMilliseconds(100) },
            r with { VoltageV = null, CurrentA = null, EnergyCounterWh = null, At = r.At.AddMilliseconds(200) },
            r with { VoltageV = null, CurrentA = null, PowerW = null, At = r.At.AddMilliseconds(300) },
        }),
    ];

    private static List<long?[]> Rows(List<ReadingReported> readings)
    {
        var last = new Dictionary<long, long>();
        return readings.Select(r =>
        {
            var counter = Units.ToMwh(r.EnergyCounterWh)!.Value;
            long? delta = last.TryGetValue(r.PlugId, out var previous) ? counter - previous : null;
            last[r.PlugId] = counter;
            return new long?[]
            {
                ReadingKey.For(r.PlugId, r.At.ToUnixTimeSeconds()), Units.ToDv(r.VoltageV), Units.ToMa(r.CurrentA),
                Units.ToDw(r.PowerW), counter, delta,
            };
        }).ToList();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
