using System.Collections.Concurrent;
using System.Threading.Channels;
using Hub.Devices.Fleet;
using Hub.Devices.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Watchdog;

/// <summary>
/// Runs every enabled probe on its interval. Start times are spread over the interval by probe id, so a thousand
/// targets make a steady trickle rather than a burst, and at most <see cref="WatchdogOptions.MaxConcurrentProbes"/>
/// are in flight. A failing target is probed at its faster interval.
/// </summary>
public sealed partial class ProbeWorker : BackgroundService
{
    private readonly ConcurrentDictionary<long, ScheduledProbe> _probes = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly DatabaseMigrationState<DevicesDb> _migrated;
    private readonly MaintenanceRegistry _maintenance;
    private readonly IOptions<WatchdogOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ProbeWorker> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ProbeRunner _runner;
    private readonly WatchdogResponder _responder;
    private volatile bool _reload = true;
    private readonly Channel<ProbeChange> _changes = Channel.CreateBounded<ProbeChange>(
        new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    internal ProbeWorker(IServiceScopeFactory scopes, DatabaseMigrationState<DevicesDb> migrated, MaintenanceRegistry maintenance,
        ProbeRunner runner, WatchdogResponder responder, IOptions<WatchdogOptions> options, TimeProvider time,
        ILogger<ProbeWorker> logger)
    {
        _scopes = scopes;
        _migrated = migrated;
        _maintenance = maintenance;
        _runner = runner;
        _responder = responder;
        _options = options;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(options.Value.MaxConcurrentProbes);
    }

    /// <summary>Probes, devices or maintenance changed: re-read them on the next tick.</summary>
    public void Reload() => _reload = true;

    /// <summary>
    /// Verdict changes only (not every run), for the live dashboards: at 1,000 targets every 10 s, pushing each run
    /// would be 100 messages a second of nothing new. A slow reader loses the oldest; the API still has the truth.
    /// </summary>
    public ChannelReader<ProbeChange> Changes => _changes.Reader;

    public IReadOnlyList<ProbeStatus> Status()
    {
        return [.. _probes.Values.OrderBy(p => p.Target.Probe.Id).Select(StatusOf)];
    }

    private ProbeStatus StatusOf(ScheduledProbe p) => new(
        p.Target.Probe.Id, p.Target.Label, p.Window.Down, p.Window.Failures, p.LastRunAt, p.Last?.Detail, p.NextRunAt,
        NeedsAttention(p.Target));

    private bool NeedsAttention(ProbeTarget target) => _responder.GuardFor(target.Key).NeedsAttention;

    /// <summary>Clears a target's flap history after a person fixed it.</summary>
    public async Task<bool> ResetTargetAsync(string targetKey, CancellationToken ct)
    {
        if (!_probes.Values.Any(p => p.Target.Key == targetKey))
        {
            return false;
        }

        await _responder.ResetAsync(targetKey, ct);
        foreach (var probe in _probes.Values.Where(p => p.Target.Key == targetKey))
        {
            _changes.Writer.TryWrite(new ProbeChange(probe.Target.PlugId, StatusOf(probe)));
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _migrated.Migrated.WaitAsync(stoppingToken);
        await _responder.LoadFlapStatesAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.Value.TickMilliseconds), _time);
        var reloadedAt = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = _time.GetUtcNow();
                if (_reload || now - reloadedAt >= TimeSpan.FromSeconds(_options.Value.ReloadSeconds))
                {
                    _reload = false;
                    reloadedAt = now;
                    await ReloadAsync(stoppingToken);
                }

                foreach (var probe in _probes.Values.Where(p => !p.Running && p.NextRunAt <= now))
                {
                    probe.Running = true;
                    _ = RunAsync(probe, stoppingToken);
                }

                _maintenance.Sweep();

                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogTickFailed(_logger, ex);
            }
        }
    }

    private async Task RunAsync(ScheduledProbe probe, CancellationToken ct)
    {
        try
        {
            await _slots.WaitAsync(ct);
            try
            {
                var target = probe.Target;
                var firstRun = probe.LastRunAt is null;
                var wasDown = probe.Window.Down;
                var neededAttention = NeedsAttention(target);
                var result = await _runner.RunAsync(target, ct);
                probe.LastRunAt = _time.GetUtcNow();
                probe.Last = result;
                if (result.Known && !_maintenance.IsQuiet(target.PlugId, target.Device?.Id))
                {
                    var changed = probe.Window.Add(result.Success);
                    if (probe.Window.Down && !result.Success)
                    {
                        await _responder.OnDownAsync(target, probe.Window, result, ct);
                    }
                    else if (changed)
                    {
                        await _responder.OnUpAsync(target, ct);
                    }
                }

                if (firstRun || wasDown != probe.Window.Down || neededAttention != NeedsAttention(target))
                {
                    _changes.Writer.TryWrite(new ProbeChange(target.PlugId, StatusOf(probe)));
                }
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            LogProbeFailed(_logger, probe.Target.Label, ex);
        }
        finally
        {
            // Keep to the probe's own grid: counting from the end of the run added the probe's duration and the
            // tick's lateness to every interval (a steady +250 ms per run at 1,000 targets). After a stall, start afresh.
            var now = _time.GetUtcNow();
            var next = probe.NextRunAt + probe.Interval;
            probe.NextRunAt = next > now ? next : now + probe.Interval;
            probe.Running = false;
        }
    }

    private async Task ReloadAsync(CancellationToken ct)
    {
        await _maintenance.ReloadAsync(ct);
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var probes = await db.Probes.AsNoTracking().Where(p => p.Enabled).ToListAsync(ct);
        var devices = await db.WatchedDevices.AsNoTracking().ToDictionaryAsync(d => d.Id, ct);
        var plugs = await db.Plugs.AsNoTracking().Where(p => p.Status == PlugStatus.Adopted).ToDictionaryAsync(p => p.Id, ct);
        var now = _time.GetUtcNow();
        var wanted = new HashSet<long>();
        foreach (var probe in probes)
        {
            if (ProbeTargets.Resolve(probe, devices, plugs) is not { } target)
            {
                continue;
            }

            wanted.Add(probe.Id);
            if (_probes.TryGetValue(probe.Id, out var known))
            {
                if (known.Target.Probe.FailuresToTrip != probe.FailuresToTrip || known.Target.Probe.Window != probe.Window)
                {
                    known.Window = new ProbeWindow(probe.FailuresToTrip, probe.Window);
                }

                known.Target = target;
                continue;
            }

            _probes[probe.Id] = new ScheduledProbe(target, now + ProbeTargets.FirstRunOffset(probe.Id, probe.IntervalSeconds));
        }

        foreach (var gone in _probes.Keys.Where(id => !wanted.Contains(id)))
        {
            _probes.TryRemove(gone, out _);
        }
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Watchdog scheduling failed; continuing")]
    private static partial void LogTickFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Probe of {Target} failed unexpectedly")]
    private static partial void LogProbeFailed(ILogger logger, string target, Exception ex);
}
