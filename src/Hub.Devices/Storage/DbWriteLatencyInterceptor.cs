using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hub.Devices.Storage;

/// <summary>Records how long database writes take, for the <c>/metrics</c> endpoint.</summary>
public sealed class DbWriteLatencyInterceptor : DbCommandInterceptor, IDisposable
{
    public const string MeterName = "Hub.Storage";

    private readonly Meter _meter;
    private readonly Histogram<double> _writeSeconds;

    public DbWriteLatencyInterceptor(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _writeSeconds = _meter.CreateHistogram<double>("hub_db_write_duration", "s", "Duration of database write commands");
    }

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        _writeSeconds.Record(eventData.Duration.TotalSeconds);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        _writeSeconds.Record(eventData.Duration.TotalSeconds);
        return base.NonQueryExecuted(command, eventData, result);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        // EF Core sends INSERT ... RETURNING through a reader, so writes show up here too.
        if (!command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            _writeSeconds.Record(eventData.Duration.TotalSeconds);
        }

        return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    public void Dispose() => _meter.Dispose();
}
