using Hub.Devices.Alerts;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Watchdog;

namespace Hub.Devices.Tests.EndToEnd;

public sealed class PlugWatchdogTests
{
    [Fact]
    public async Task AFrozenPlugIsDetectedAndItsFailedRestartRaisesACriticalAlert()
    {
        // The plug's own watchdog is set late, so the hub's probe is what notices the freeze.
        await using var fleet = await FleetWithPlugs.StartAsync(1, WatchdogScenario.Settings(("Watchdog:CommandTimeoutSeconds", "2")),
            "--watchdog-timeout-s", "60", "--broadcast-interval-s", "1");
        var (plugId, _) = await WatchdogScenario.AdoptSettledAsync(fleet, "obk_000000");
        await WatchdogScenario.SetHttpEndpointAsync(fleet, plugId, "obk_000000");
        var probe = await WatchdogScenario.AddAsync(fleet, MqttProbe(plugId));
        await WatchdogScenario.WaitForRunsAsync(fleet, probe.Id, 2);
        Assert.False(fleet.Get<ProbeWorker>().Status().Single().Down);

        await fleet.Sim.CommandAsync("freeze obk_000000");
        var alerts = await WatchdogScenario.AlertsUntilAsync(fleet, a => a.Any(x => x.Key == $"restart-failed:{plugId}"));

        Assert.Contains(alerts, a => a.Key == $"probe:{probe.Id}" && a.State == AlertState.Active && a.Cause.Contains("MQTT", StringComparison.Ordinal));
        var failed = alerts.Single(a => a.Key == $"restart-failed:{plugId}");
        Assert.Equal(AlertSeverity.Critical, failed.Severity);
        Assert.Contains("/api/reboot", failed.Cause, StringComparison.Ordinal);
        Assert.Contains(await WatchdogScenario.HistoryAsync(fleet, plugId),
            h => h.Kind == PlugHistoryKind.CommandFailed && h.Actor == "watchdog" && h.Detail.Contains("restart over HTTP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APlugSilentOnMqttIsRestartedOverHttp()
    {
        await using var fleet = await FleetWithPlugs.StartAsync(1, WatchdogScenario.Settings(("Watchdog:BackoffSeconds", "600")),
            "--broadcast-interval-s", "0");
        var (plugId, settled) = await WatchdogScenario.AdoptSettledAsync(fleet, "obk_000000");
        await WatchdogScenario.SetHttpEndpointAsync(fleet, plugId, "obk_000000");

        await WatchdogScenario.AddAsync(fleet, MqttProbe(plugId));
        // Silence, two failed probes, the HTTP restart and plugsim's boot took 26 s on an idle machine: 40 s was too close.
        var reboot = await fleet.WaitForEventAsync<TelemetryReported>(t => t.BootCount > settled, TimeSpan.FromSeconds(90));

        // The reason read from the test's own channel: FleetState follows the bus on a channel of its own and may not have
        // taken this boot yet, and it already held BL_RST_SOFTWARE from the adoption restart, so it proved nothing.
        await fleet.WaitForEventAsync<BootReported>(b => b.PlugId == plugId && b.At >= reboot.At.AddSeconds(-1)
            && b.RebootReason == "BL_RST_SOFTWARE", TimeSpan.FromSeconds(15));
        var history = await Hub.Testing.Eventually.MatchAsync(() => WatchdogScenario.HistoryAsync(fleet, plugId),
            h => h.Any(x => x.Kind == PlugHistoryKind.WatchdogRestart), TimeSpan.FromSeconds(10));
        Assert.Contains("over HTTP", history.Single(h => h.Kind == PlugHistoryKind.WatchdogRestart).Detail, StringComparison.Ordinal);
    }

    private static Probe MqttProbe(long plugId) => new()
    {
        PlugId = plugId, Kind = ProbeKind.Mqtt, MaxSilenceSeconds = 3, IntervalSeconds = 1, DownIntervalSeconds = 1,
        FailuresToTrip = 2, Window = 3, OnDown = WatchdogAction.RestartPlug,
    };
}
