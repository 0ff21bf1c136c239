using System.Collections.Concurrent;
using System.Globalization;
using Hub.Devices.Alerts;
using Hub.Devices.Commands;
using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Watchdog;

/// <summary>
/// Decides what a probe's verdict means: alerts while a target is down, and the action it was given (restart the
/// plug, power-cycle the device), within the flap limits, never during maintenance or another feature's work.
/// </summary>
internal sealed partial class WatchdogResponder(
    AlertCenter alerts,
    MaintenanceRegistry maintenance,
    IPlugActivityGuard activity,
    PlugCommander commander,
    PlugRestarter restarter,
    FleetState fleet,
    MqttLink link,
    IServiceScopeFactory scopes,
    IOptions<WatchdogOptions> options,
    TimeProvider time,
    ILogger<WatchdogResponder> logger)
{
    private readonly ConcurrentDictionary<string, FlapGuard> _guards = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _acting = new(StringComparer.Ordinal);

    public FlapGuard GuardFor(string targetKey) => _guards.GetOrAdd(targetKey, _ =>
    {
        var o = options.Value;
        return new FlapGuard(o.MaxActionsPerWindow, TimeSpan.FromMinutes(o.ActionWindowMinutes),
            TimeSpan.FromSeconds(o.BackoffSeconds), TimeSpan.FromSeconds(o.MaxBackoffSeconds));
    });

    /// <summary>Restores the flap state saved before the hub stopped; called once, before the first probe runs.</summary>
    public async Task LoadFlapStatesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<DevicesDb>().FlapStates.AsNoTracking().ToListAsync(ct);
        foreach (var row in rows)
        {
            GuardFor(row.TargetKey).Restore(row.Actions, row.NeedsAttention);
        }
    }

    /// <summary>A person says the target is fixed: a clean slate, in memory and on disk.</summary>
    public async Task ResetAsync(string targetKey, CancellationToken ct)
    {
        // Under the target's acting lock: an action in progress counts into the same guard and writes the same row.
        var gate = _acting.GetOrAdd(targetKey, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var guard = GuardFor(targetKey);
            guard.Reset();
            await SaveAsync(targetKey, guard, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Called for every failed result while the target is down: keeps its alert open, acts as the limits allow.</summary>
    public async Task OnDownAsync(ProbeTarget target, ProbeWindow window, ProbeResult last, CancellationToken ct)
    {
        if (maintenance.IsQuiet(target.PlugId, target.Device?.Id))
        {
            return;
        }

        var cause = string.Create(CultureInfo.InvariantCulture,
            $"{window.Failures} of the last {target.Probe.Window} probes ({target.Describe()}) failed; last: {last.Detail}");
        await alerts.HoldsAsync(new AlertRaise($"probe:{target.Probe.Id}", "ProbeDown", AlertSeverity.Warning, target.PlugId,
            $"{target.Label} is not answering", cause) { DeviceId = target.Device?.Id }, ct);

        if (target.Probe.OnDown != WatchdogAction.AlertOnly)
        {
            await ActAsync(target, cause, ct);
        }
    }

    public async Task OnUpAsync(ProbeTarget target, CancellationToken ct)
    {
        alerts.Clear($"probe:{target.Probe.Id}");
        alerts.Clear($"attention:{target.Key}");
        alerts.Clear($"restart-failed:{target.PlugId}");
        var guard = GuardFor(target.Key);
        if (guard.NeedsAttention)
        {
            // Keeps the actions in the window: a target that comes back and fails again is still flapping.
            guard.Recovered();
            await SaveAsync(target.Key, guard, ct);
            await RecordAsync(target.PlugId, PlugHistoryKind.WatchdogRecovered, $"{target.Label} answers again", ct);
        }
    }

    private async Task ActAsync(ProbeTarget target, string cause, CancellationToken ct)
    {
        if (activity.BusyReason(target.PlugId) is { } busy)
        {
            LogBusy(logger, target.Label, busy);
            return;
        }

        var gate = _acting.GetOrAdd(target.Key, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, ct))
        {
            return; // Another probe of the same target is already acting on it.
        }

        try
        {
            var guard = GuardFor(target.Key);
            var now = time.GetUtcNow();
            switch (guard.Decide(now))
            {
                case FlapDecision.Act:
                    guard.Acted(now);
                    // Saved before acting: a hub that dies mid-cycle still counts the cycle when it comes back.
                    await SaveAsync(target.Key, guard, ct);
                    await (target.Probe.OnDown == WatchdogAction.PowerCycle && target.Device is { } device
                        ? PowerCycleAsync(target, device, cause, ct)
                        : RestartAsync(target, cause, ct));
                    break;
                case FlapDecision.GiveUp:
                    await SaveAsync(target.Key, guard, ct);
                    await GiveUpAsync(target, guard, cause, ct);
                    break;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task PowerCycleAsync(ProbeTarget target, WatchedDevice device, string cause, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.CommandTimeoutSeconds);
        var off = await commander.SendAsync(device.PlugId, new SetRelay(device.RelayChannel, RelayAction.Off), timeout, ct);
        if (off.Kind != CommandOutcomeKind.Confirmed)
        {
            await RecordAsync(device.PlugId, PlugHistoryKind.CommandFailed,
                $"Watchdog could not switch relay {device.RelayChannel} off to power-cycle '{device.Name}' ({off.Kind}); cause: {cause}", ct);
            return;
        }

        await Task.Delay(TimeSpan.FromSeconds(device.OffSeconds), time, ct);
        var on = await commander.SendAsync(device.PlugId, new SetRelay(device.RelayChannel, RelayAction.On), timeout, ct);
        var confirmed = on.Kind == CommandOutcomeKind.Confirmed;
        await RecordAsync(device.PlugId, confirmed ? PlugHistoryKind.WatchdogPowerCycle : PlugHistoryKind.CommandFailed,
            string.Create(CultureInfo.InvariantCulture,
                $"Watchdog power-cycled '{device.Name}' (relay {device.RelayChannel} off for {device.OffSeconds} s)")
            + (confirmed ? "" : $", but switching it back on was not confirmed ({on.Kind})") + $"; cause: {cause}", ct);
        LogActed(logger, "power-cycled", target.Label, cause);
    }

    private async Task RestartAsync(ProbeTarget target, string cause, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.CommandTimeoutSeconds);
        var state = fleet.Find(target.PlugId)?.State;
        const int silence = 180; // other probes: MQTT counts as alive if the plug spoke within three minutes
        // An MQTT probe that tripped has already judged MQTT silent; a message that slipped in since must not send the
        // restart down the path that just failed.
        var mqttAlive = target.Probe.Kind != ProbeKind.Mqtt && link.IsConnected && state is { Online: true, LastSeenAt: { } seen }
            && time.GetUtcNow() - seen <= TimeSpan.FromSeconds(silence);
        if (mqttAlive)
        {
            var outcome = await commander.SendAsync(target.PlugId, new RestartPlug(), TimeSpan.FromSeconds(1), ct);
            await RecordAsync(target.PlugId, PlugHistoryKind.WatchdogRestart,
                $"Watchdog restarted the plug over MQTT ({outcome.Kind}); cause: {cause}", ct);
            LogActed(logger, "restarted over MQTT", target.Label, cause);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var plug = await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.FindAsync([target.PlugId], ct);
        var result = plug is null ? ProbeResult.Failed("the plug is gone") : await restarter.RestartAsync(plug, timeout, ct);
        await RecordAsync(target.PlugId, result.Success ? PlugHistoryKind.WatchdogRestart : PlugHistoryKind.CommandFailed,
            $"Watchdog restart over HTTP (MQTT silent): {result.Detail}; cause: {cause}", ct);
        LogActed(logger, result.Success ? "restarted over HTTP" : "failed to restart over HTTP", target.Label, cause);
        if (!result.Success)
        {
            await alerts.RaiseAsync(new AlertRaise($"restart-failed:{target.PlugId}", "RestartFailed", AlertSeverity.Critical,
                target.PlugId, $"{target.Label} is unresponsive and could not be restarted",
                $"MQTT is silent and the restart over HTTP failed: {result.Detail}. Cause: {cause}"), ct);
        }
    }

    private async Task GiveUpAsync(ProbeTarget target, FlapGuard guard, string cause, CancellationToken ct)
    {
        var o = options.Value;
        var what = target.Probe.OnDown == WatchdogAction.PowerCycle ? "power cycles" : "restarts";
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{o.MaxActionsPerWindow} {what} within {o.ActionWindowMinutes} min did not help; the watchdog stops acting until it recovers. Last: {cause}");
        await RecordAsync(target.PlugId, PlugHistoryKind.WatchdogGaveUp, $"{target.Label} needs attention: {detail}", ct);
        await alerts.RaiseAsync(new AlertRaise($"attention:{target.Key}", "NeedsAttention", AlertSeverity.Critical, target.PlugId,
            $"{target.Label} needs attention", detail) { DeviceId = target.Device?.Id }, ct);
        LogGaveUp(logger, target.Label, guard.ActionsInWindow(time.GetUtcNow()));
    }

    private async Task SaveAsync(string targetKey, FlapGuard guard, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var actions = guard.ActionsInWindow(now) > 0 ? guard.Actions.ToList() : [];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var row = await db.FlapStates.FirstOrDefaultAsync(f => f.TargetKey == targetKey, ct);
        if (actions.Count == 0 && !guard.NeedsAttention)
        {
            if (row is not null)
            {
                db.FlapStates.Remove(row);
            }
        }
        else
        {
            if (row is null)
            {
                row = new FlapState { TargetKey = targetKey };
                db.FlapStates.Add(row);
            }

            row.Actions = actions;
            row.NeedsAttention = guard.NeedsAttention;
            row.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task RecordAsync(long plugId, PlugHistoryKind kind, string detail, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        db.PlugHistory.Add(new PlugHistoryEntry { PlugId = plugId, At = time.GetUtcNow(), Kind = kind, Detail = detail, Actor = "watchdog" });
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watchdog {Action} {Target}: {Cause}")]
    private static partial void LogActed(ILogger logger, string action, string target, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watchdog gave up on {Target} after {Actions} actions; it needs attention")]
    private static partial void LogGaveUp(ILogger logger, string target, int actions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watchdog leaves {Target} alone: {Reason}")]
    private static partial void LogBusy(ILogger logger, string target, string reason);
}
