using System.Threading.Channels;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Storage;
using Hub.Energy.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Energy.Ingest;

/// <summary>
/// Reads the energy channel of the event bus and writes readings in batches: whatever queued up while the last batch
/// was being written becomes the next batch, so batches grow exactly when ingest falls behind. The bus waits when the
/// channel is full (<see cref="BusBackPressure.Wait"/>), and QoS 1 receipts complete only after the commit.
/// </summary>
internal sealed partial class IngestWorker : BackgroundService
{
    private readonly ChannelReader<PlugEvent> _events;
    private readonly IServiceScopeFactory _scopes;
    private readonly DatabaseMigrationState<EnergyDb> _migration;
    private readonly EnergyOptions _options;
    private readonly IngestStats _stats;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestWorker> _logger;

    public IngestWorker(PlugEventBus bus, IServiceScopeFactory scopes, DatabaseMigrationState<EnergyDb> migration,
        IOptions<EnergyOptions> options, IngestStats stats, TimeProvider time, ILogger<IngestWorker> logger)
    {
        _options = options.Value;

        // Subscribed here, not in ExecuteAsync, so no event published during start-up is missed.
        _events = bus.Subscribe("energy-ingest", _options.ChannelCapacity, BusBackPressure.Wait);
        _scopes = scopes;
        _migration = migration;
        _stats = stats;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _migration.Migrated.WaitAsync(stoppingToken);
        var (connectionString, states) = await LoadAsync(stoppingToken);
        var assembler = new BatchAssembler(_options, _stats, states);
        SqliteReadingWriter? writer = null;
        var events = new List<PlugEvent>(_options.MaxBatchSize);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await _events.WaitToReadAsync(stoppingToken);
                    events.Clear();
                    while (events.Count < _options.MaxBatchSize && _events.TryRead(out var evt))
                    {
                        events.Add(evt);
                    }

                    writer ??= new SqliteReadingWriter(connectionString);
                    if (!TryWrite(writer, assembler, events))
                    {
                        // A broken connection is reopened for the next batch.
                        writer.Dispose();
                        writer = null;
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
        finally
        {
            writer?.Dispose();
        }
    }

    private bool TryWrite(SqliteReadingWriter writer, BatchAssembler assembler, List<PlugEvent> events)
    {
        var batch = assembler.Build(events, _time.GetUtcNow());
        try
        {
            if (batch.Rows.Count > 0)
            {
                writer.Write(batch);
                assembler.Commit(batch);
                _stats.CountBatch(batch.Readings);
            }

            batch.Receipts.ForEach(r => r.MarkStored());
            return true;
        }
        catch (Exception ex)
        {
            // Receipts fail so QoS 1 messages are redelivered; QoS 0 readings of this batch are lost, and counted.
            _stats.CountFailedBatch();
            LogBatchFailed(ex, batch.Readings);
            batch.Receipts.ForEach(r => r.MarkFailed(ex));
            return false;
        }
    }

    private async Task<(string ConnectionString, Dictionary<long, CounterState> States)> LoadAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnergyDb>();
        var states = await db.Plugs.AsNoTracking().ToDictionaryAsync(p => p.PlugId, p => new CounterState(
            p.PlugId, p.FirstSeenS, p.LastCounterS, p.LastCounterMwh, p.LifetimeMwh, p.GlitchBaseS, p.GlitchBaseMwh), ct);
        return (db.Database.GetConnectionString()!, states);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing a batch of {Readings} readings failed")]
    private partial void LogBatchFailed(Exception error, int readings);
}
