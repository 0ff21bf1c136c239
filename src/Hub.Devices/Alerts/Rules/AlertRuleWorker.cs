using System.Globalization;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Alerts.Rules;

/// <summary>
/// Evaluates the alert rules on plug events as they arrive (reboots, heap, power) and once a second on time
/// (offline too long, recoveries that held, plugs not back after a broker outage).
/// </summary>
internal sealed partial class AlertRuleWorker(
    PlugEventBus bus,
    PlugDirectory directory,
    FleetState fleet,
    FleetSignals signals,
    AlertCenter alerts,
    PlugLimitsRegistry limits,
    EnergyBudgetRule budgets,
    DatabaseMigrationState<DevicesDb> migrated,
    IOptionsMonitor<AlertOptions> options,
    TimeProvider time,
    ILogger<AlertRuleWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly System.Threading.Channels.ChannelReader<PlugEvent> _events =
        bus.Subscribe("alert-rules", 20_000, BusBackPressure.DropOldest);

    private readonly Dictionary<long, PlugRuleState> _plugs = [];
    private readonly HashSet<long> _notBack = [];
    private readonly RebootRules _reboots = new(alerts, options);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrated.Migrated.WaitAsync(stoppingToken);
        await alerts.LoadAsync(stoppingToken);
        await limits.ReloadAsync(stoppingToken);
        await directory.Loaded.WaitAsync(stoppingToken);
        var nextTick = time.GetUtcNow() + Tick;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = nextTick - time.GetUtcNow();
                wait.CancelAfter(delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
                try
                {
                    while (await _events.WaitToReadAsync(wait.Token))
                    {
                        while (_events.TryRead(out var evt))
                        {
                            await ApplyAsync(evt, stoppingToken);
                        }
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Time for the clock-driven rules.
                }

                await OnTickAsync(stoppingToken);
                nextTick = time.GetUtcNow() + Tick;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogRuleFailed(logger, ex);
            }
        }
    }

    private async Task ApplyAsync(PlugEvent evt, CancellationToken ct)
    {
        if (directory.FindById(evt.PlugId) is not { Status: PlugStatus.Adopted } plug)
        {
            return;
        }

        if (!_plugs.TryGetValue(plug.Id, out var state))
        {
            _plugs[plug.Id] = state = new PlugRuleState();
        }

        switch (evt)
        {
            case BootReported boot:
                await _reboots.OnBootAsync(plug, state, boot, ct);
                break;
            case TelemetryReported telemetry:
                await _reboots.OnTelemetryAsync(plug, state, telemetry, ct);
                if (telemetry.FreeHeapBytes is { } heap)
                {
                    await OnHeapAsync(plug, state, telemetry.At, heap, ct);
                }

                break;
            case ReadingReported { PowerW: { } power } when limits.PowerLimitW(plug.Id) is { } limit:
                var key = $"power:{plug.Id}";
                if (power > limit)
                {
                    await alerts.HoldsAsync(new AlertRaise(key, "PowerAboveLimit", AlertSeverity.Warning, plug.Id,
                        $"{plug.Topic} draws more than {limit.ToString(CultureInfo.InvariantCulture)} W",
                        string.Create(CultureInfo.InvariantCulture, $"Power {power:0.#} W, limit {limit:0.#} W")), ct);
                }
                else
                {
                    alerts.Clear(key);
                }

                break;
        }
    }

    private async Task OnHeapAsync(PlugEntry plug, PlugRuleState state, DateTimeOffset at, long heap, CancellationToken ct)
    {
        var o = options.CurrentValue;
        state.Heap.Add(at, heap, TimeSpan.FromSeconds(o.HeapWindowSeconds));
        var verdict = state.Heap.Evaluate(o.HeapMinSamples, TimeSpan.FromSeconds(o.HeapMinSpanSeconds), o.HeapMinLeakBytesPerHour,
            o.HeapFloorBytes, TimeSpan.FromSeconds(o.HeapHorizonSeconds));
        var key = $"heap-leak:{plug.Id}";
        if (verdict is null)
        {
            return;
        }

        if (!verdict.Leaking)
        {
            alerts.Clear(key);
            return;
        }

        await alerts.HoldsAsync(new AlertRaise(key, "HeapLeak", AlertSeverity.Warning, plug.Id,
            $"{plug.Topic} is leaking memory",
            string.Create(CultureInfo.InvariantCulture,
                $"Free heap falls {-verdict.BytesPerHour:0} bytes/h over the last {verdict.Span.TotalMinutes:0} min ({verdict.Samples} samples, fit {verdict.Fit:0.00}); {verdict.LatestBytes} bytes left, {o.HeapFloorBytes} reached in about {verdict.TimeLeft.TotalHours:0.0} h")), ct);
    }

    private async Task OnTickAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        while (signals.NotBack.TryRead(out var lost))
        {
            _notBack.Add(lost.PlugId);
            await alerts.HoldsAsync(new AlertRaise($"not-back:{lost.PlugId}", "NotBackAfterOutage", AlertSeverity.Warning,
                lost.PlugId, $"{lost.Topic} did not come back after a broker outage",
                "The plug was online before the hub lost its broker connection and has not reconnected since"), ct);
        }

        foreach (var plug in directory.All.Where(p => p.Status == PlugStatus.Adopted))
        {
            var state = fleet.Find(plug.Id)?.State;
            if (state is null)
            {
                continue;
            }

            var key = $"offline:{plug.Id}";
            if (state.Online)
            {
                alerts.Clear(key);
                if (_notBack.Remove(plug.Id))
                {
                    alerts.Clear($"not-back:{plug.Id}");
                }
            }
            else if (state.LastSeenAt is { } seen && limits.OfflineAfterSeconds(plug.Id) is var offlineAfter
                && now - seen >= TimeSpan.FromSeconds(offlineAfter))
            {
                await alerts.HoldsAsync(new AlertRaise(key, "Offline", AlertSeverity.Warning, plug.Id, $"{plug.Topic} is offline",
                    string.Create(CultureInfo.InvariantCulture,
                        $"Offline since {seen:u} ({(now - seen).TotalMinutes:0} min, limit {offlineAfter} s)")), ct);
            }
        }

        foreach (var (plugId, state) in _plugs)
        {
            if (directory.FindById(plugId) is { } entry)
            {
                await _reboots.OnTickAsync(entry, state, now, ct);
            }
        }

        await budgets.OnTickAsync(now, ct);
        await alerts.ResolveHeldAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating alert rules failed; continuing")]
    private static partial void LogRuleFailed(ILogger logger, Exception ex);
}
