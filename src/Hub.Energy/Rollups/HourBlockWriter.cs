using System.Data;
using System.Data.Common;
using Hub.Energy.Queries;
using Hub.Energy.Storage;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hub.Energy.Rollups;

/// <summary>
/// (Re)writes the hour blocks of one UTC day from its hour rows, for every plug with rows that day and for the fleet
/// (plug 0), inside the caller's transaction. Plain parameterised SELECT and INSERT ... ON CONFLICT, as RollupSql.
/// </summary>
internal static class HourBlockWriter
{
    private static readonly string DayRows = $$"""
        SELECT {{RollupValues.Columns}}
        FROM (SELECT 0 AS "PlugId" UNION ALL SELECT "PlugId" FROM "EnergyPlugs") p
        JOIN "HourRollups" s ON s."Key" >= p."PlugId" * {{RollupSql.PlugStride}} + @first
            AND s."Key" < p."PlugId" * {{RollupSql.PlugStride}} + @end
        ORDER BY s."Key"
        """;

    private const string Upsert = """
        INSERT INTO "HourBlocks" ("Key", "Payload") VALUES (@key, @payload)
        ON CONFLICT ("Key") DO UPDATE SET "Payload" = excluded."Payload"
        """;

    /// <summary>Returns the number of blocks written. Hour rows are never deleted, so a day's set of plugs only grows.</summary>
    public static async Task<int> WriteDayAsync(EnergyDb db, long day, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Hour blocks are written inside the transaction that changed their rows");
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection");
        var rows = new List<RollupValues>();
        await using (var select = Command(connection, transaction, DayRows))
        {
            RollupRangeReader.Add(select, "@first", day * 24);
            RollupRangeReader.Add(select, "@end", (day + 1) * 24);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(RollupValues.Read(reader));
            }
        }

        await using var upsert = Command(connection, transaction, Upsert);
        var key = RollupRangeReader.Add(upsert, "@key", 0L);
        var payload = RollupRangeReader.Add(upsert, "@payload", Array.Empty<byte>());
        payload.DbType = DbType.Binary;
        var blocks = 0;
        for (var start = 0; start < rows.Count;)
        {
            var plug = ReadingKey.PlugOf(rows[start].Key);
            var end = start;
            while (end < rows.Count && ReadingKey.PlugOf(rows[end].Key) == plug)
            {
                end++;
            }

            key.Value = ReadingKey.For(plug, day);
            payload.Value = HourBlockCodec.Encode(day, rows.GetRange(start, end - start));
            await upsert.ExecuteNonQueryAsync(ct);
            blocks++;
            start = end;
        }

        return blocks;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
