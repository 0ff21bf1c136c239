using System.Globalization;
using Hub.Energy.Rollups;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Benchmarks;

/// <summary>
/// Measures bytes per stored row of each table after real ingest and rollups, then projects the database size for
/// fleets and years from the retention defaults. Nothing here is guessed: the per-row sizes are measured file sizes.
/// </summary>
internal static class StorageSize
{
    private const int Plugs = 200;
    private const int IntervalS = 10;
    private const int RawDays = 35;
    private const int MinuteDays = 730;

    private const string Blocks = "HourBlocks";

    private static readonly string[] Tables = ["Readings", "MinuteRollups", "HourRollups", "DayRollups", "MonthRollups"];

    public static async Task RunAsync()
    {
        await using var host = await BenchHost.StartAsync();
        var empty = FileSize(host.DatabasePath);
        var start = TimeProvider.System.GetUtcNow().AddHours(-6);
        var readings = BenchReadings.Fleet(Plugs, 5 * 360, start);
        foreach (var chunk in readings.Chunk(50_000))
        {
            var receipt = new Hub.Devices.Fleet.Events.DeliveryReceipt();
            for (var i = 0; i < chunk.Length; i++)
            {
                await host.Bus.PublishAsync(i == chunk.Length - 1 ? chunk[i] with { Receipt = receipt } : chunk[i], CancellationToken.None);
            }

            await receipt.Stored;
        }

        var ingested = FileSize(host.DatabasePath);
        await host.ScopedAsync(sp => sp.GetRequiredService<RollupService>().CatchUpAsync(CancellationToken.None));
        var rolledUp = FileSize(host.DatabasePath);

        // Live sizes are what the hub really leaves on disk (pages split by a fleet's interleaved inserts); compact
        // sizes (each table alone, vacuumed) split the rollups' live total between the levels.
        var compact = Tables.ToDictionary(t => t, t => CompactBytes(host.DatabasePath, t));
        var rows = Tables.ToDictionary(t => t, t => Count(host.DatabasePath, t));
        var rollupCompact = Tables.Skip(1).Sum(t => compact[t]);
        var perRow = new Dictionary<string, double> { ["Readings"] = (ingested - empty) / (double)rows["Readings"] };
        foreach (var table in Tables.Skip(1))
        {
            perRow[table] = (rolledUp - ingested) * (compact[table] / rollupCompact) / Math.Max(1, rows[table]);
        }

        (perRow[Blocks], compact[Blocks], rows[Blocks]) = await BlockBytesAsync(host);

        Print(perRow, compact.ToDictionary(c => c.Key, c => c.Value / Math.Max(1, rows[c.Key])), readings.Count);
    }

    /// <summary>
    /// Live bytes of one hour block and compact bytes of them all (a plug's complete UTC day). Ingest above covers hours of today only, so
    /// a full day of hour rows is seeded for every plug well in the past and the hub's packer packs exactly that day.
    /// </summary>
    private static async Task<(double LivePerBlock, double Compact, long Blocks)> BlockBytesAsync(BenchHost host)
    {
        var day = (TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 86_400) - 400;
        using (var connection = new SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            for (var plug = 0; plug <= Plugs; plug++)
            {
                QueryData.Rollups(connection, transaction, "HourRollups", plug, day * 24, (day + 1) * 24, 60, 360);
            }

            transaction.Commit();
        }

        var before = FileSize(host.DatabasePath);
        var packed = await host.ScopedAsync(sp => sp.GetRequiredService<HourBlockPacker>().PackAsync(1, CancellationToken.None));
        var blocks = Count(host.DatabasePath, Blocks);
        if (packed != 1 || blocks != Plugs + 1)
        {
            throw new InvalidOperationException($"Expected one packed day of {Plugs + 1} blocks, got {packed} and {blocks}");
        }

        return ((FileSize(host.DatabasePath) - before) / (double)blocks, CompactBytes(host.DatabasePath, Blocks), blocks);
    }

    private static long FileSize(string path)
    {
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        return new FileInfo(path).Length;
    }

    private static long Count(string path, string table)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)count.ExecuteScalar()!;
    }

    private static double CompactBytes(string path, string table)
    {
        var copy = path + "." + table;
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = $"VACUUM INTO '{copy}'";
            vacuum.ExecuteNonQuery();
        }

        using (var connection = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            connection.Open();
            var others = new List<string>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
                using var reader = list.ExecuteReader();
                while (reader.Read())
                {
                    others.Add(reader.GetString(0));
                }
            }

            using var drop = connection.CreateCommand();
            drop.CommandText = string.Concat(others.Where(o => o != table).Select(o => $"DROP TABLE \"{o}\"; ")) + "VACUUM;";
            drop.ExecuteNonQuery();
        }

        var empty = 2 * 4096.0;
        var bytes = new FileInfo(copy).Length - empty;
        File.Delete(copy);
        return bytes;
    }

    private static void Print(Dictionary<string, double> perRow, Dictionary<string, double> compact, int readings)
    {
        Console.WriteLine("## Energy storage size");
        Console.WriteLine();
        Console.WriteLine(Invariant($"Measured on {readings:N0} readings of {Plugs} plugs (one every {IntervalS} s, V, A, W and counter). Live: file growth as the hub wrote it; compact: the table alone after VACUUM."));
        Console.WriteLine();
        Console.WriteLine("| table | bytes per row, live | bytes per row, compact | kept |");
        Console.WriteLine("| --- | ---: | ---: | --- |");
        Console.WriteLine(Invariant($"| Readings (raw) | {perRow["Readings"]:N1} | {compact["Readings"]:N1} | {RawDays} days |"));
        Console.WriteLine(Invariant($"| MinuteRollups | {perRow["MinuteRollups"]:N1} | {compact["MinuteRollups"]:N1} | {MinuteDays} days |"));
        Console.WriteLine(Invariant($"| HourRollups | {perRow["HourRollups"]:N1} | {compact["HourRollups"]:N1} | forever |"));
        Console.WriteLine(Invariant($"| DayRollups | {perRow["DayRollups"]:N1} | {compact["DayRollups"]:N1} | forever |"));
        Console.WriteLine(Invariant($"| HourBlocks (one per plug and complete UTC day) | {perRow[Blocks]:N1} | {compact[Blocks]:N1} | forever |"));
        Console.WriteLine();
        Console.WriteLine("| plugs | minute rollups kept | after 1 year | after 5 years |");
        Console.WriteLine("| ---: | ---: | ---: | ---: |");
        foreach (var plugs in new[] { 100, 1000 })
        {
            foreach (var minuteDays in new[] { MinuteDays, 90 })
            {
                Console.WriteLine(Invariant(
                    $"| {plugs:N0} | {minuteDays} days | {Gib(Size(perRow, plugs, 365, minuteDays)):N2} GiB | {Gib(Size(perRow, plugs, 5 * 365, minuteDays)):N2} GiB |"));
            }
        }

        Console.WriteLine();
    }

    private static double Size(Dictionary<string, double> perRow, int plugs, int days, int minuteDays)
    {
        var raw = Math.Min(days, RawDays) * 86_400.0 / IntervalS * perRow["Readings"];
        var minutes = Math.Min(days, minuteDays) * 1_440.0 * perRow["MinuteRollups"];
        var hours = days * 24.0 * perRow["HourRollups"];
        var daysAndMonths = (days * perRow["DayRollups"]) + (days / 30.4 * perRow["DayRollups"]);
        var blocks = days * perRow[Blocks];
        return plugs * (raw + minutes + hours + daysAndMonths + blocks);
    }

    private static double Gib(double bytes) => bytes / (1024.0 * 1024 * 1024);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
