using System.Globalization;
using Hub.Energy.Rollups;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Benchmarks;

/// <summary>
/// Measures bytes per stored row of each table after real ingest and rollups, then projects the database size for
/// fleets and years from the retention defaults. Nothing here is guessed: the per-row sizes come from SQLite's dbstat.
/// </summary>
internal static class StorageSize
{
    private const int Plugs = 200;
    private const int IntervalS = 10;
    private const int RawDays = 35;
    private const int MinuteDays = 730;

    public static async Task RunAsync()
    {
        await using var host = await BenchHost.StartAsync();
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

        await host.ScopedAsync(sp => sp.GetRequiredService<RollupService>().CatchUpAsync(CancellationToken.None));
        var perRow = BytesPerRow(host.DatabasePath);
        Print(perRow, readings.Count);
    }

    private static Dictionary<string, double> BytesPerRow(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var vacuum = connection.CreateCommand();
        vacuum.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        vacuum.ExecuteNonQuery();
        var result = new Dictionary<string, double>();
        foreach (var table in new[] { "Readings", "MinuteRollups", "HourRollups", "DayRollups", "MonthRollups" })
        {
            using var size = connection.CreateCommand();
            size.CommandText = $"SELECT (SELECT sum(pgsize) FROM dbstat WHERE name = '{table}'), (SELECT count(*) FROM \"{table}\")";
            using var reader = size.ExecuteReader();
            reader.Read();
            result[table] = reader.GetDouble(0) / Math.Max(1, reader.GetInt64(1));
        }

        return result;
    }

    private static void Print(Dictionary<string, double> perRow, int readings)
    {
        Console.WriteLine("## Energy storage size");
        Console.WriteLine();
        Console.WriteLine(Invariant($"Measured on {readings:N0} readings of {Plugs} plugs (one every {IntervalS} s, V, A, W and counter), pages as SQLite allocated them (dbstat, 4 KiB pages)."));
        Console.WriteLine();
        Console.WriteLine("| table | bytes per row | kept |");
        Console.WriteLine("| --- | ---: | --- |");
        Console.WriteLine(Invariant($"| Readings (raw) | {perRow["Readings"]:N1} | {RawDays} days |"));
        Console.WriteLine(Invariant($"| MinuteRollups | {perRow["MinuteRollups"]:N1} | {MinuteDays} days |"));
        Console.WriteLine(Invariant($"| HourRollups | {perRow["HourRollups"]:N1} | forever |"));
        Console.WriteLine(Invariant($"| DayRollups | {perRow["DayRollups"]:N1} | forever |"));
        Console.WriteLine();
        Console.WriteLine("| plugs | after 1 year | after 5 years |");
        Console.WriteLine("| ---: | ---: | ---: |");
        foreach (var plugs in new[] { 100, 1000 })
        {
            Console.WriteLine(Invariant($"| {plugs:N0} | {Gib(Size(perRow, plugs, 365)):N1} GiB | {Gib(Size(perRow, plugs, 5 * 365)):N1} GiB |"));
        }

        Console.WriteLine();
    }

    private static double Size(Dictionary<string, double> perRow, int plugs, int days)
    {
        var raw = Math.Min(days, RawDays) * 86_400.0 / IntervalS * perRow["Readings"];
        var minutes = Math.Min(days, MinuteDays) * 1_440.0 * perRow["MinuteRollups"];
        var hours = days * 24.0 * perRow["HourRollups"];
        var daysAndMonths = (days * perRow["DayRollups"]) + (days / 30.4 * perRow["DayRollups"]);
        return plugs * (raw + minutes + hours + daysAndMonths);
    }

    private static double Gib(double bytes) => bytes / (1024.0 * 1024 * 1024);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
