using System.Globalization;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Alerts.Rules;

/// <summary>
/// Abnormal reboots (a watchdog or a crash, as the protocol adapters classify the reason) and reboot loops. Plugs
/// repeat their boot info on every reconnect, so a reboot is counted only when the boot count moves or the uptime
/// goes backwards, and an abnormal one is alerted once per boot count.
/// </summary>
internal sealed class RebootRules(AlertCenter alerts, IOptionsMonitor<AlertOptions> options)
{
    private static readonly TimeSpan BootCountGrace = TimeSpan.FromSeconds(5);

    public async Task OnBootAsync(PlugEntry plug, PlugRuleState state, BootReported boot, CancellationToken ct)
    {
        await ObserveBootCountAsync(plug, state, boot.BootCount, boot.At, ct);
        if (!boot.Abnormal)
        {
            return;
        }

        state.LastAbnormalAt = boot.At;
        if (boot.BootCount is { } count)
        {
            await RaiseAbnormalAsync(plug, boot, count, ct);
        }
        else
        {
            // OpenBeken-style plugs send the boot count on its own topic right after the reason: wait for it, so a
            // reconnect that repeats the same boot's reason is recognised as the same event.
            state.PendingAbnormal = boot;
        }
    }

    private Task<AlertView?> RaiseAbnormalAsync(PlugEntry plug, BootReported boot, int? bootCount, CancellationToken ct)
    {
        var log = boot.LastLogLines.Count == 0 ? "" : " Last log lines: " + string.Join(" | ", boot.LastLogLines.TakeLast(4));
        return alerts.RaiseAsync(new AlertRaise($"abnormal-reboot:{plug.Id}", "AbnormalReboot", AlertSeverity.Warning, plug.Id,
            $"{plug.Topic} rebooted abnormally: {boot.RebootReason}",
            $"Reboot reason {boot.RebootReason}" + (bootCount is { } n ? $" (boot {n.ToString(CultureInfo.InvariantCulture)})" : "")
            + ": the plug hung or crashed and its watchdog or exception handler restarted it." + log)
        {
            Fingerprint = bootCount?.ToString(CultureInfo.InvariantCulture),
        }, ct);
    }

    public async Task OnTelemetryAsync(PlugEntry plug, PlugRuleState state, TelemetryReported telemetry, CancellationToken ct)
    {
        if (telemetry.UptimeSeconds is { } uptime)
        {
            if (uptime < state.UptimeSeconds)
            {
                state.Heap.Reset();
                if (telemetry.BootCount is null && state.BootCount is null)
                {
                    await CountRebootAsync(plug, state, telemetry.At, 1, ct);
                }
            }

            state.UptimeSeconds = uptime;
        }

        await ObserveBootCountAsync(plug, state, telemetry.BootCount, telemetry.At, ct);
        if (state.PendingAbnormal is { } pending && telemetry.BootCount is { } count)
        {
            state.PendingAbnormal = null;
            await RaiseAbnormalAsync(plug, pending, count, ct);
        }
    }

    private async Task ObserveBootCountAsync(PlugEntry plug, PlugRuleState state, int? count, DateTimeOffset at, CancellationToken ct)
    {
        if (count is not { } now)
        {
            return;
        }

        var before = state.BootCount;
        state.BootCount = now;
        if (before is { } known && now > known)
        {
            state.Heap.Reset();
            await CountRebootAsync(plug, state, at, Math.Min(now - known, 100), ct);
        }
    }

    private async Task CountRebootAsync(PlugEntry plug, PlugRuleState state, DateTimeOffset at, int reboots, CancellationToken ct)
    {
        var o = options.CurrentValue;
        state.Reboots.AddRange(Enumerable.Repeat(at, reboots));
        state.Reboots.RemoveAll(t => at - t > TimeSpan.FromSeconds(o.RebootLoopWindowSeconds));
        if (state.Reboots.Count >= o.RebootLoopCount)
        {
            await alerts.RaiseAsync(new AlertRaise($"reboot-loop:{plug.Id}", "RebootLoop", AlertSeverity.Critical, plug.Id,
                $"{plug.Topic} is in a reboot loop",
                string.Create(CultureInfo.InvariantCulture,
                    $"{state.Reboots.Count} reboots within {o.RebootLoopWindowSeconds / 60.0:0.#} min (limit {o.RebootLoopCount})"))
            {
                Fingerprint = state.BootCount?.ToString(CultureInfo.InvariantCulture)
                    ?? at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            }, ct);
        }
    }

    public async Task OnTickAsync(PlugEntry plug, PlugRuleState state, DateTimeOffset now, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var plugId = plug.Id;
        if (state.PendingAbnormal is { } pending && now - pending.At > BootCountGrace)
        {
            // This plug does not report boot counts; alert without one (repeats then only count on the open alert).
            state.PendingAbnormal = null;
            await RaiseAbnormalAsync(plug, pending, null, ct);
        }

        if (state.LastAbnormalAt is { } abnormal && now - abnormal >= TimeSpan.FromSeconds(o.AbnormalRebootClearSeconds))
        {
            alerts.Clear($"abnormal-reboot:{plugId}");
        }

        state.Reboots.RemoveAll(t => now - t > TimeSpan.FromSeconds(o.RebootLoopWindowSeconds));
        if (state.Reboots.Count < o.RebootLoopCount)
        {
            alerts.Clear($"reboot-loop:{plugId}");
        }
    }
}
