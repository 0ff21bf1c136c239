using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Hub.Energy.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hub.Energy.Queries;

/// <summary>
/// Reads one plug's key range of a rollup table with a plain data reader. A plug's year by hour is 8,760 rows, and
/// EF Core's per-row work made that query 1.5 to 1.9 times slower in back-to-back runs (docs/benchmarks.md, energy
/// queries). The SQL is plain enough for any provider: the table name comes from the model, the range from parameters.
/// </summary>
internal static class RollupRangeReader
{
    public static async IAsyncEnumerable<RollupValues> ReadAsync<TRollup>(EnergyDb db, long low, long high,
        [EnumeratorCancellation] CancellationToken ct)
        where TRollup : RollupRow
    {
        var table = db.Model.FindEntityType(typeof(TRollup))?.GetTableName()
            ?? throw new InvalidOperationException($"{typeof(TRollup).Name} is not mapped");
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {RollupValues.Columns} FROM \"{table}\" WHERE \"Key\" >= @low AND \"Key\" < @high ORDER BY \"Key\"";
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            Add(command, "@low", low);
            Add(command, "@high", high);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                yield return RollupValues.Read(reader);
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

    /// <summary>Adds a named parameter; the energy store's plain ADO.NET commands all bind this way.</summary>
    internal static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
