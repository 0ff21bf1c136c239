using System.Data;
using System.Runtime.CompilerServices;
using Hub.Energy.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Hub.Energy.Queries;

/// <summary>
/// A plug's hour rollups for a range, read from hour blocks where a day has one and from hour rows elsewhere (the
/// current day, days not packed yet, days without data): one block per day instead of 24 rows, and one row query per
/// run of days without a block. The rows it yields are the rows <see cref="RollupRangeReader"/> would, in key order.
/// </summary>
internal static partial class HourSeriesReader
{
    public static async IAsyncEnumerable<RollupValues> ReadAsync(EnergyDb db, long plugId, long firstHour, long endHour,
        ILogger logger, [EnumeratorCancellation] CancellationToken ct)
    {
        if (endHour <= firstHour)
        {
            yield break;
        }

        var firstDay = firstHour / 24;
        var lastDay = (endHour - 1) / 24;
        var opened = db.Database.GetDbConnection().State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        try
        {
            // Blocks are loaded before rows are read: one open reader per connection is all some providers allow.
            var blocks = await BlocksAsync(db, plugId, firstDay, lastDay, ct);
            var decoded = new List<RollupValues>(24);
            var next = firstDay;
            foreach (var (day, payload) in blocks)
            {
                if (day > next)
                {
                    await foreach (var row in RowsAsync(db, plugId, Math.Max(firstHour, next * 24), day * 24, ct))
                    {
                        yield return row;
                    }
                }

                decoded.Clear();
                if (!TryDecode(plugId, day, payload, firstHour, endHour, decoded, logger))
                {
                    // The rows are the truth: this day is read from them, with the next gap or the tail.
                    next = day;
                    continue;
                }

                foreach (var row in decoded)
                {
                    yield return row;
                }

                next = day + 1;
            }

            if (next <= lastDay)
            {
                await foreach (var row in RowsAsync(db, plugId, Math.Max(firstHour, next * 24), endHour, ct))
                {
                    yield return row;
                }
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static bool TryDecode(long plugId, long day, byte[] payload, long firstHour, long endHour,
        List<RollupValues> into, ILogger logger)
    {
        try
        {
            HourBlockCodec.Decode(plugId, day, payload, firstHour, endHour, into);
            return true;
        }
        catch (InvalidDataException ex)
        {
            // A block this build cannot read (damaged, or written by a newer format) must not cost the answer.
            LogUnreadableBlock(logger, ex, plugId, day);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hour block of plug {PlugId} for UTC day {Day} cannot be read; its hour rows are used")]
    private static partial void LogUnreadableBlock(ILogger logger, Exception ex, long plugId, long day);

    private static IAsyncEnumerable<RollupValues> RowsAsync(EnergyDb db, long plugId, long firstHour, long endHour,
        CancellationToken ct) =>
        RollupRangeReader.ReadAsync<HourRollup>(
            db, ReadingKey.For(plugId, firstHour), ReadingKey.For(plugId, endHour), ct);

    private static async Task<List<(long Day, byte[] Payload)>> BlocksAsync(EnergyDb db, long plugId, long firstDay,
        long lastDay, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText =
            "SELECT \"Key\", \"Payload\" FROM \"HourBlocks\" WHERE \"Key\" >= @low AND \"Key\" < @high ORDER BY \"Key\"";
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        RollupRangeReader.Add(command, "@low", ReadingKey.For(plugId, firstDay));
        RollupRangeReader.Add(command, "@high", ReadingKey.For(plugId, lastDay + 1));
        var blocks = new List<(long, byte[])>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            blocks.Add((ReadingKey.BucketOf(reader.GetInt64(0)), reader.GetFieldValue<byte[]>(1)));
        }

        return blocks;
    }
}
