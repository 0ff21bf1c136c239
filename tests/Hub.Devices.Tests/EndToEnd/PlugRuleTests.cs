using Hub.Devices.Alerts;
using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Tests.EndToEnd;

public sealed class PlugRuleTests
{
    [Fact]
    public async Task APlugOfflineTooLongIsAlertedAndTheAlertResolvesAfterItIsBack()
    {
        await using var fleet = await FleetWithPlugs.StartAsync(1, WatchdogScenario.Settings(("Alerts:OfflineAfterSeconds", "2")));
        var (plugId, _) = await WatchdogScenario.AdoptSettledAsync(fleet, "obk_000000");

        await fleet.Sim.CommandAsync("wifi-drop obk_000000 6");
        var raised = await WatchdogScenario.AlertsUntilAsync(fleet, a => a.Any(x => x.Key == $"offline:{plugId}"));
        var resolved = await WatchdogScenario.AlertsUntilAsync(fleet,
            a => a.Any(x => x.Key == $"offline:{plugId}" && x.State == AlertState.Resolved));

        Assert.Equal(AlertState.Active, raised.Single(a => a.Key == $"offline:{plugId}").State);
        var alert = resolved.Single(a => a.Key == $"offline:{plugId}");
        Assert.True(alert.ResolvedAt > alert.RaisedAt);
    }

    [Fact]
    public async Task APlugsOwnOfflineLimitOverridesTheDefault()
    {
        await using var fleet = await FleetWithPlugs.StartAsync(1, WatchdogScenario.Settings(("Alerts:OfflineAfterSeconds", "3600")));
        var (plugId, _) = await WatchdogScenario.AdoptSettledAsync(fleet, "obk_000000");
        await WatchdogScenario.AddAsync(fleet, new PlugLimits { PlugId = plugId, OfflineAfterSeconds = 2 });
        await fleet.Get<PlugLimitsRegistry>().ReloadAsync(TestContext.Current.CancellationToken);

        await fleet.Sim.CommandAsync("wifi-drop obk_000000 6");
        var raised = await WatchdogScenario.AlertsUntilAsync(fleet, a => a.Any(x => x.Key == $"offline:{plugId}"));

        Assert.Contains("limit 2 s", raised.Single(a => a.Key == $"offline:{plugId}").Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedCrashesAreARebootLoop()
    {
        await using var fleet = await FleetWithPlugs.StartAsync(1, WatchdogScenario.Settings(("Alerts:RebootLoopCount", "3")));
        var (plugId, boots) = await WatchdogScenario.AdoptSettledAsync(fleet, "obk_000000");

        for (var crash = 1; crash <= 3; crash++)
        {
            await fleet.Sim.CommandAsync("crash obk_000000");
            var expected = boots + crash;
            await fleet.WaitForEventAsync<TelemetryReported>(t => t.PlugId == plugId && t.BootCount == expected, TimeSpan.FromSeconds(30));
        }

        var alerts = await WatchdogScenario.AlertsUntilAsync(fleet,
            a => a.Any(x => x.Rule == "RebootLoop") && a.Any(x => x.Rule == "AbnormalReboot" && x.Occurrences == 3));

        Assert.Equal(AlertSeverity.Critical, alerts.Single(a => a.Rule == "RebootLoop").Severity);
        var abnormal = alerts.Single(a => a.Rule == "AbnormalReboot");
        Assert.Contains("BL_RST_FATAL_EXCEPTION", abnormal.Cause, StringComparison.Ordinal);
    }
}
