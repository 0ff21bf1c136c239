using System.Collections.Concurrent;
using System.Threading.Channels;
using Hub.Devices.Fleet.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// Follows availability, builds, restarts and OTA progress of every plug, so deliveries can wait for a plug to restart
/// and report the build it came back with. Its own bus subscription keeps the fleet worker untouched.
/// </summary>
public sealed class OtaWatcher(PlugEventBus bus, ILogger<OtaWatcher> logger) : BackgroundService
{
    private readonly ChannelReader<PlugEvent> _events = bus.Subscribe("ota-watcher", 10_000, BusBackPressure.Wait);
    private readonly ConcurrentDictionary<long, PlugSightings> _plugs = new();
    private readonly List<(long PlugId, Func<PlugSightings, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private long _seq;

    /// <summary>The current sequence number: facts seen later compare greater.</summary>
    public long Mark() => Interlocked.Read(ref _seq);

    public PlugSightings Find(long plugId) => _plugs.GetValueOrDefault(plugId) ?? new PlugSightings();

    /// <summary>The plug's sightings once they satisfy <paramref name="condition"/>; null after the timeout.</summary>
    public async Task<PlugSightings?> WaitAsync(long plugId, Func<PlugSightings, bool> condition, TimeSpan timeout, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (condition(Find(plugId)))
            {
                return Find(plugId);
            }

            _waiters.Add((plugId, condition, done));
        }

        try
        {
            await done.Task.WaitAsync(timeout, ct);
            return Find(plugId);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            lock (_waiters)
            {
                _waiters.RemoveAll(w => w.Done == done);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var evt in _events.ReadAllAsync(stoppingToken))
                {
                    if (evt.PlugId != 0)
                    {
                        Apply(evt);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Following plug events for OTA failed; continuing");
            }
        }
    }

    private void Apply(PlugEvent evt)
    {
        var seq = Interlocked.Increment(ref _seq);
        var was = Find(evt.PlugId);
        var now = evt switch
        {
            AvailabilityChanged { Online: true } => was with { OnlineSeq = seq, OnlineAt = evt.At },
            AvailabilityChanged => was with { OfflineSeq = seq, OfflineAt = evt.At },
            TelemetryReported t => Telemetry(was, t, seq),
            OtaProgressReported o => was with { OtaSeq = seq, OtaState = o.State, OtaDetail = o.Detail },
            _ => null,
        };
        if (now is null)
        {
            return;
        }

        _plugs[evt.PlugId] = now;
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.PlugId == evt.PlugId && w.Condition(now)))
            {
                waiter.Done.TrySetResult();
            }
        }
    }

    private static PlugSightings Telemetry(PlugSightings was, TelemetryReported t, long seq)
    {
        var now = was;
        if (t.Build is not null)
        {
            now = now with { Build = t.Build, BuildSeq = seq };
        }

        if (t.BootCount is { } boots)
        {
            now = now with { BootCount = boots, RestartSeq = was.BootCount is { } known && known != boots ? seq : now.RestartSeq };
        }

        if (t.UptimeSeconds is { } uptime)
        {
            now = now with { UptimeSeconds = uptime, RestartSeq = uptime < was.UptimeSeconds ? seq : now.RestartSeq };
        }

        return now;
    }
}
