using Hub.Devices.Alerts;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Profiles;
using Hub.Devices.Watchdog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Api.Alerts;

/// <summary>
/// The alert rules and their thresholds, read from the options in force (<c>Alerts</c>, <c>Recovery</c>,
/// <c>Watchdog</c>) and the per-plug limits. Read-only: the rules are configuration, so they change with the hub's
/// settings, not through the API.
/// </summary>
internal static class AlertRulesApi
{
    public static void MapAlertRules(this RouteGroupBuilder group) =>
        group.MapGet("/rules", async (DevicesDb db, IOptionsMonitor<AlertOptions> alerts, IOptions<RecoveryOptions> recovery,
            IOptions<WatchdogOptions> watchdog, IOptionsMonitor<ProfileOptions> profiles, CancellationToken ct) =>
        {
            var own = await db.PlugLimits.AsNoTracking().ToListAsync(ct);
            return TypedResults.Ok(Build(alerts.CurrentValue, recovery.Value, watchdog.Value, profiles.CurrentValue, own));
        });

    private static AlertRulesView Build(AlertOptions o, RecoveryOptions recovery, WatchdogOptions watchdog, ProfileOptions profiles,
        List<PlugLimits> own)
    {
        var powerOwn = own.Count(l => l.PowerLimitW is not null);
        var offlineOwn = own.Count(l => l.OfflineAfterSeconds is not null);
        var budgetOwn = own.Count(l => l.DailyEnergyBudgetKwh is not null);
        List<AlertThreshold> budget =
        [
            new("DailyEnergyBudgetKwh", "Daily energy per plug", o.DailyEnergyBudgetKwh, "kWh", PerPlug: true),
            .. o.TagEnergyBudgetsKwh.OrderBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => new AlertThreshold($"TagEnergyBudgetsKwh:{t.Key}", $"Daily energy of tag {t.Key}", t.Value, "kWh", false)),
            new("EnergyBudgetCheckSeconds", "Checked every", o.EnergyBudgetCheckSeconds, "s", false),
        ];
        return new AlertRulesView(o.RecoveryHoldSeconds, o.MaxRepeatNotifications,
        [
            new("AbnormalReboot", "Abnormal reboot (watchdog, exception)", AlertSeverity.Warning, true,
                [new("AbnormalRebootClearSeconds", "Clears after staying up", o.AbnormalRebootClearSeconds, "s", false)], 0),
            new("RebootLoop", "Reboot loop", AlertSeverity.Critical, true,
            [
                new("RebootLoopCount", "Reboots", o.RebootLoopCount, "", false),
                new("RebootLoopWindowSeconds", "Within", o.RebootLoopWindowSeconds, "s", false),
            ], 0),
            new("HeapLeak", "Free-heap leak", AlertSeverity.Warning, true,
            [
                new("HeapMinLeakBytesPerHour", "Falling faster than", o.HeapMinLeakBytesPerHour, "B/h", false),
                new("HeapHorizonSeconds", "Floor reached within", o.HeapHorizonSeconds, "s", false),
                new("HeapFloorBytes", "Floor", o.HeapFloorBytes, "B", false),
                new("HeapWindowSeconds", "Trend over", o.HeapWindowSeconds, "s", false),
                new("HeapMinSpanSeconds", "Trusted from a span of", o.HeapMinSpanSeconds, "s", false),
                new("HeapMinSamples", "Trusted from samples", o.HeapMinSamples, "", false),
            ], 0),
            new("Offline", "Plug offline", AlertSeverity.Warning, true,
                [new("OfflineAfterSeconds", "Offline longer than", o.OfflineAfterSeconds, "s", PerPlug: true)], offlineOwn),
            new("PowerAboveLimit", "Power above the limit", AlertSeverity.Warning, o.PowerLimitW is not null || powerOwn > 0,
                [new("PowerLimitW", "Power above", o.PowerLimitW, "W", PerPlug: true)], powerOwn),
            new("EnergyBudget", "Daily energy above the budget", AlertSeverity.Warning,
                o.DailyEnergyBudgetKwh is not null || budgetOwn > 0 || o.TagEnergyBudgetsKwh.Count > 0, budget, budgetOwn),
            new("NotBackAfterOutage", "Plug not back after a broker outage", AlertSeverity.Warning, true,
                [new("Recovery:GraceSeconds", "Not back after", recovery.GraceSeconds, "s", false)], 0),
            new("ProbeDown", "Watchdog probe failing (thresholds per probe)", AlertSeverity.Warning, true, [], 0),
            new("NeedsAttention", "Watchdog gave up acting", AlertSeverity.Critical, true,
            [
                new("Watchdog:MaxActionsPerWindow", "Actions at most", watchdog.MaxActionsPerWindow, "", false),
                new("Watchdog:ActionWindowMinutes", "Within", watchdog.ActionWindowMinutes, "min", false),
            ], 0),
            new("RestartFailed", "Plug restart failed", AlertSeverity.Critical, true, [], 0),
            new("ProfileFailed", "Settings profile gave up (plug kept restarting)", AlertSeverity.Warning, true,
                [new("Profiles:MaxResendsAfterRestart", "Re-sent after restarts at most", profiles.MaxResendsAfterRestart, "", false)], 0),
        ]);
    }
}
