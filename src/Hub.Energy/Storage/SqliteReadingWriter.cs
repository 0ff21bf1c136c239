using Hub.Energy.Ingest;
using Microsoft.Data.Sqlite;

namespace Hub.Energy.Storage;

/// <summary>
/// The ingest hot path and the energy module's only SQLite-specific code: one open connection, prepared statements,
/// one transaction per batch. A PostgreSQL store would be a second writer with COPY or multi-row inserts.
/// </summary>
internal sealed class SqliteReadingWriter : IDisposable
{
    // A second already stored gets more energy only from counter steps the tracker took after it (a later batch with
    // readings stamped in the same second); a duplicate carries no counter and changes nothing.
    private const string UpsertReading = """
        INSERT INTO "Readings" ("Key", "VoltageDv", "CurrentMa", "PowerDw", "CounterMwh", "DeltaMwh")
        VALUES ($key, $v, $a, $w, $c, $d)
        ON CONFLICT ("Key") DO UPDATE SET
            "VoltageDv" = coalesce("VoltageDv", excluded."VoltageDv"),
            "CurrentMa" = coalesce("CurrentMa", excluded."CurrentMa"),
            "PowerDw" = coalesce("PowerDw", excluded."PowerDw"),
            "CounterMwh" = coalesce(excluded."CounterMwh", "CounterMwh"),
            "DeltaMwh" = CASE WHEN excluded."DeltaMwh" IS NULL THEN "DeltaMwh" ELSE coalesce("DeltaMwh", 0) + excluded."DeltaMwh" END
        """;

    private const string UpsertPlug = """
        INSERT INTO "EnergyPlugs" ("PlugId", "FirstSeenS", "LastCounterS", "LastCounterMwh", "LifetimeMwh", "GlitchBaseS", "GlitchBaseMwh", "StampedByPlug")
        VALUES ($id, $first, $lastS, $lastMwh, $lifetime, $baseS, $baseMwh, $stamped)
        ON CONFLICT ("PlugId") DO UPDATE SET
            "LastCounterS" = excluded."LastCounterS", "LastCounterMwh" = excluded."LastCounterMwh",
            "LifetimeMwh" = excluded."LifetimeMwh", "GlitchBaseS" = excluded."GlitchBaseS",
            "GlitchBaseMwh" = excluded."GlitchBaseMwh", "StampedByPlug" = excluded."StampedByPlug"
        """;

    private const string InsertEvent = """
        INSERT INTO "EnergyEvents" ("PlugId", "AtS", "Kind", "PreviousCounterMwh", "CounterMwh", "AddedMwh", "IgnoredMwh")
        VALUES ($plug, $at, $kind, $prev, $counter, $added, $ignored)
        """;

    private const string MarkDirty = """
        INSERT INTO "DirtyMinutes" ("Minute", "Version") VALUES ($minute, 1)
        ON CONFLICT ("Minute") DO UPDATE SET "Version" = "DirtyMinutes"."Version" + 1
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _reading;
    private readonly SqliteCommand _plug;
    private readonly SqliteCommand _event;
    private readonly SqliteCommand _dirty;

    public SqliteReadingWriter(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            // In WAL mode NORMAL survives a killed process (only an OS crash can lose the last commits) at a fraction
            // of FULL's fsyncs; a larger cache keeps the thousand insertion points of a fleet's B-tree in memory.
            pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768; PRAGMA busy_timeout=30000;";
            pragma.ExecuteNonQuery();
        }

        _reading = Prepare(UpsertReading, "$key", "$v", "$a", "$w", "$c", "$d");
        _plug = Prepare(UpsertPlug, "$id", "$first", "$lastS", "$lastMwh", "$lifetime", "$baseS", "$baseMwh", "$stamped");
        _event = Prepare(InsertEvent, "$plug", "$at", "$kind", "$prev", "$counter", "$added", "$ignored");
        _dirty = Prepare(MarkDirty, "$minute");
    }

    public void Write(ReadingBatch batch)
    {
        using var transaction = _connection.BeginTransaction();
        _reading.Transaction = transaction;
        var p = _reading.Parameters;
        foreach (var row in batch.Rows.Values)
        {
            // Set one by one: this loop runs for every reading, and a params array per row is measurable.
            p[0].Value = row.Key;
            p[1].Value = (object?)row.VoltageDv ?? DBNull.Value;
            p[2].Value = (object?)row.CurrentMa ?? DBNull.Value;
            p[3].Value = (object?)row.PowerDw ?? DBNull.Value;
            p[4].Value = (object?)row.CounterMwh ?? DBNull.Value;
            p[5].Value = (object?)row.DeltaMwh ?? DBNull.Value;
            _reading.ExecuteNonQuery();
        }

        foreach (var s in batch.States.Values)
        {
            Run(_plug, transaction, s.PlugId, s.FirstSeenS, s.LastCounterS, s.LastCounterMwh, s.LifetimeMwh, s.GlitchBaseS,
                s.GlitchBaseMwh, s.StampedByPlug);
        }

        foreach (var e in batch.Events)
        {
            Run(_event, transaction, e.PlugId, e.AtS, e.Kind.ToString(), e.PreviousCounterMwh, e.CounterMwh, e.AddedMwh,
                e.IgnoredMwh);
        }

        foreach (var minute in batch.DirtyMinutes)
        {
            Run(_dirty, transaction, minute);
        }

        transaction.Commit();
    }

    public void Dispose()
    {
        _reading.Dispose();
        _plug.Dispose();
        _event.Dispose();
        _dirty.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, SqliteTransaction transaction, params object?[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
