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
    private readonly PlugPowerLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestWorker> _logger;

    public IngestWorker(PlugEventBus bus, IServiceScopeFactory scopes, DatabaseMigrationState<EnergyDb> migration,
        IOptions<EnergyOptions> options, IngestStats stats, PlugPowerLimits limits, TimeProvider time,
        ILogger<IngestWorker> logger)
    {
        _options = options.Value;

        // Subscribed here, not in ExecuteAsync, so no event published during start-up is missed.
        _events = bus.Subscribe("energy-ingest", _options.ChannelCapacity, BusBackPressure.Wait);
        _scopes = scopes;
        _migration = migration;
        _stats = stats;
        _limits = limits;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _migration.Migrated.WaitAsync(stoppingToken);
        var (connectionString, states) = await LoadAsync(stoppingToken);
        var assembler = new BatchAssembler(_options, _stats, states, _limits);
        var events = new List<PlugEvent>(_options.MaxBatchSize);
        using var writer = new WriterSlot(connectionString);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _events.WaitToReadAsync(stoppingToken);
                Drain(events);
                if (!TryWrite(writer, assembler, events))
                {
                    // Whatever broke (a full disk, a locked file) gets a moment before the next batch tries again.
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        // On a clean stop, what is already queued is written, so a restart redelivers as little as possible.
        while (_events.TryPeek(out _))
        {
            Drain(events);
            TryWrite(writer, assembler, events);
        }
    }

    private void Drain(List<PlugEvent> events)
    {
        events.Clear();
        while (events.Count < _options.MaxBatchSize && _events.TryRead(out var evt))
        {
            events.Add(evt);
        }
    }

    private bool TryWrite(WriterSlot writer, BatchAssembler assembler, List<PlugEvent> events)
    {
        try
        {
            var batch = assembler.Build(events, _time.GetUtcNow());
            if (batch.Rows.Count > 0)
            {
                writer.Open().Write(batch);
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
            LogBatchFailed(ex, events.Count);
            foreach (var reading in events.OfType<ReadingReported>())
            {
                reading.Receipt?.MarkFailed(ex);
            }

            // A broken connection is reopened for the next batch.
            writer.Close();
            return false;
        }
    }

    private async Task<(string ConnectionString, Dictionary<long, CounterState> States)> LoadAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnergyDb>();
        var states = await db.Plugs.AsNoTracking().ToDictionaryAsync(p => p.PlugId, p => new CounterState(
            p.PlugId, p.FirstSeenS, p.LastCounterS, p.LastCounterMwh, p.LifetimeMwh, p.GlitchBaseS, p.GlitchBaseMwh, p.StampedByPlug), ct);
        foreach (var plug in await db.Plugs.AsNoTracking().Where(p => p.MaxPowerW != null).ToListAsync(ct))
        {
            _limits.Mirror(plug.PlugId, plug.MaxPowerW);
        }

        return (db.Database.GetConnectionString()!, states);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing a batch of {Events} events failed")]
    private partial void LogBatchFailed(Exception error, int events);

    /// <summary>The writer's connection, opened on first use and again after a failure.</summary>
    private sealed class WriterSlot(string connectionString) : IDisposable
    {
        private SqliteReadingWriter? _writer;

        public SqliteReadingWriter Open() => _writer ??= new SqliteReadingWriter(connectionString);

        public void Close()
        {
            _writer?.Dispose();
            _writer = null;
        }

        public void Dispose() => Close();
    }
}
