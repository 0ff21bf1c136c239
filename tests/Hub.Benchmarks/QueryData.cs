using Hub.Energy.Storage;
using Microsoft.Data.Sqlite;

namespace Hub.Benchmarks;

/// <summary>
/// Writes a year of rollups for a fleet straight into a migrated store, plus raw readings for the comparisons: one
/// plug's whole year and the whole fleet's last day. Rows go in key order, as a long-running hub would have them.
/// Hour blocks are not written here: the benchmark packs them with the hub's own packer.
/// </summary>
internal static class QueryData
{
    private const string Rollup = """
        INSERT INTO "{0}" ("Key", "EnergyMwh", "Samples", "PowerSamples", "PowerSumDw", "MinPowerDw", "MaxPowerDw",
            "MinVoltageDv", "MaxVoltageDv", "MinCurrentMa", "MaxCurrentMa", "OnlineMinutes")
        VALUES ($key, $e, $n, $n, $sum, 100, 20000, 2250, 2350, 400, 8700, $online)
        """;

    public static void Seed(string path, int plugs, long nowS, int rawIntervalS)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Execute(connection, "PRAGMA synchronous=OFF;");
        var yearS = 365 * 86_400L;
        var firstDay = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(nowS - yearS).UtcDateTime).DayNumber;
        for (var plug = 1L; plug <= plugs; plug++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, $"INSERT INTO \"EnergyPlugs\" (\"PlugId\", \"FirstSeenS\", \"LifetimeMwh\") VALUES ({plug}, {nowS - yearS}, 0)", transaction);
            Rollups(connection, transaction, "HourRollups", plug, (nowS - yearS) / 3600, nowS / 3600, 60, 360);
            Rollups(connection, transaction, "DayRollups", plug, firstDay, firstDay + 365, 1440, 8640);
            Rollups(connection, transaction, "MinuteRollups", plug, (nowS - 86_400) / 60, nowS / 60, 1, 6);
            Raw(connection, transaction, plug, nowS - 86_400, nowS, rawIntervalS);
            if (plug == 1)
            {
                Raw(connection, transaction, plug, nowS - yearS, nowS - 86_400, rawIntervalS);
            }

            transaction.Commit();
        }
    }

    internal static void Rollups(SqliteConnection c, SqliteTransaction t, string table, long plug, long from, long to,
        int minutes, int samples)
    {
        using var insert = c.CreateCommand();
        insert.Transaction = t;
        insert.CommandText = Rollup.Replace("{0}", table, StringComparison.Ordinal);
        var key = insert.Parameters.Add("$key", SqliteType.Integer);
        var energy = insert.Parameters.Add("$e", SqliteType.Integer);
        var sum = insert.Parameters.Add("$sum", SqliteType.Integer);
        insert.Parameters.AddWithValue("$n", samples);
        insert.Parameters.AddWithValue("$online", minutes);
        insert.Prepare();
        for (var bucket = from; bucket < to; bucket++)
        {
            var watts = 50 + ((plug * 31 + bucket) % 400);
            key.Value = ReadingKey.For(plug, bucket);
            energy.Value = watts * minutes * 1000 / 60;
            sum.Value = watts * 10 * samples;
            insert.ExecuteNonQuery();
        }
    }

    private static void Raw(SqliteConnection c, SqliteTransaction t, long plug, long fromS, long toS, int step)
    {
        using var insert = c.CreateCommand();
        insert.Transaction = t;
        insert.CommandText = """
            INSERT INTO "Readings" ("Key", "VoltageDv", "CurrentMa", "PowerDw", "CounterMwh", "DeltaMwh")
            VALUES ($key, 2301, $a, $w, $c, $d)
            """;
        var key = insert.Parameters.Add("$key", SqliteType.Integer);
        var amps = insert.Parameters.Add("$a", SqliteType.Integer);
        var power = insert.Parameters.Add("$w", SqliteType.Integer);
        var counter = insert.Parameters.Add("$c", SqliteType.Integer);
        var delta = insert.Parameters.Add("$d", SqliteType.Integer);
        insert.Prepare();
        var total = 0L;
        for (var s = fromS + ((step - (fromS % step)) % step); s < toS; s += step)
        {
            var watts = 50 + ((plug * 31 + (s / 3600)) % 400);
            var added = watts * step * 10 / 36;
            total += added;
            key.Value = ReadingKey.For(plug, s);
            amps.Value = watts * 1000 / 230;
            power.Value = watts * 10;
            counter.Value = total;
            delta.Value = added;
            insert.ExecuteNonQuery();
        }
    }

    private static void Execute(SqliteConnection c, string sql, SqliteTransaction? t = null)
    {
        using var command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
