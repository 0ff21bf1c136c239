using Hub.Devices.Alerts;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Watchdog;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.EndToEnd;

public sealed class DeviceBehindPlugTests
{
    [Fact]
    public async Task AHungDeviceIsPowerCycledThroughItsPlugAndItsAlertResolvesWhenItAnswersAgain()
    {
        await using var fleet = await FleetWithPlugs.StartAsync(1, WatchdogScenario.Settings(("Watchdog:BackoffSeconds", "60")));
        var (plugId, _) = await WatchdogScenario.AdoptSettledAsync(fleet, "obk_000000");
        await using var router = new RelayPoweredDevice(fleet.Get<PlugEventBus>(), plugId, comesBack: true);
        await WatchdogScenario.SwitchOnAsync(fleet, plugId);
        var device = await WatchdogScenario.AddAsync(fleet, new WatchedDevice { Name = "router", PlugId = plugId, Host = "127.0.0.1", OffSeconds = 1 });
        var probe = await WatchdogScenario.AddAsync(fleet, TcpProbe(device, router.Port));
        await WatchdogScenario.WaitForRunsAsync(fleet, probe.Id, 2);

        await router.HangAsync();
        var alerts = await WatchdogScenario.AlertsUntilAsync(fleet, a => a.Any(x => x.Key == $"probe:{probe.Id}" && x.State == AlertState.Resolved));

        var history = await WatchdogScenario.HistoryAsync(fleet, plugId);
        var cycle = Assert.Single(history, h => h.Kind == PlugHistoryKind.WatchdogPowerCycle);
        Assert.Equal("watchdog", cycle.Actor);
        Assert.Contains($"TCP 127.0.0.1:{router.Port}", cycle.Detail, StringComparison.Ordinal);
        Assert.Equal(2, router.Boots);
        Assert.True(router.Answering);
        Assert.Equal(AlertSeverity.Warning, alerts.Single(a => a.Key == $"probe:{probe.Id}").Severity);
    }

    [Fact]
    public async Task ADeviceThatNeverComesBackIsCycledAtMostKTimesThenNeedsAttention()
    {
        await using var fleet = await FleetWithPlugs.StartAsync(1, WatchdogScenario.Settings(
            ("Watchdog:MaxActionsPerWindow", "2"), ("Watchdog:BackoffSeconds", "2")));
        var (plugId, _) = await WatchdogScenario.AdoptSettledAsync(fleet, "obk_000000");
        await using var modem = new RelayPoweredDevice(fleet.Get<PlugEventBus>(), plugId, comesBack: false);
        await WatchdogScenario.SwitchOnAsync(fleet, plugId);
        var device = await WatchdogScenario.AddAsync(fleet, new WatchedDevice { Name = "modem", PlugId = plugId, Host = "127.0.0.1", OffSeconds = 1 });
        var probe = await WatchdogScenario.AddAsync(fleet, TcpProbe(device, modem.Port));
        await WatchdogScenario.WaitForRunsAsync(fleet, probe.Id, 2);

        await modem.HangAsync();
        var alerts = await WatchdogScenario.AlertsUntilAsync(fleet, a => a.Any(x => x.Key == $"attention:device:{device.Id}"));
        await WatchdogScenario.WaitForRunsAsync(fleet, probe.Id, 4);

        var history = await WatchdogScenario.HistoryAsync(fleet, plugId);
        Assert.True(2 == history.Count(h => h.Kind == PlugHistoryKind.WatchdogPowerCycle), string.Join("\n", history.Select(h => $"{h.At:O} {h.Kind} {h.Detail}")));
        Assert.Single(history, h => h.Kind == PlugHistoryKind.WatchdogGaveUp);
        var attention = alerts.Single(a => a.Key == $"attention:device:{device.Id}");
        Assert.Equal(AlertSeverity.Critical, attention.Severity);
        Assert.Contains("2 power cycles", attention.Cause, StringComparison.Ordinal);
        Assert.True(fleet.Get<ProbeWorker>().Status().Single(s => s.ProbeId == probe.Id).NeedsAttention);
    }

    [Fact]
    public async Task ADeviceInMaintenanceIsNeitherAlertedOnNorCycled()
    {
        await using var fleet = await FleetWithPlugs.StartAsync(1, WatchdogScenario.Settings());
        var (plugId, _) = await WatchdogScenario.AdoptSettledAsync(fleet, "obk_000000");
        await using var nas = new RelayPoweredDevice(fleet.Get<PlugEventBus>(), plugId, comesBack: true);
        await WatchdogScenario.SwitchOnAsync(fleet, plugId);
        var device = await WatchdogScenario.AddAsync(fleet, new WatchedDevice { Name = "nas", PlugId = plugId, Host = "127.0.0.1", OffSeconds = 1 });
        await WatchdogScenario.AddAsync(fleet, new MaintenanceWindow
        {
            DeviceId = device.Id, Until = TimeProvider.System.GetUtcNow().AddHours(1), CreatedBy = "test",
        });
        var probe = await WatchdogScenario.AddAsync(fleet, TcpProbe(device, nas.Port));

        await nas.HangAsync();
        await WatchdogScenario.WaitForRunsAsync(fleet, probe.Id, 5);

        Assert.Empty(await WatchdogScenario.AlertsAsync(fleet));
        Assert.DoesNotContain(await WatchdogScenario.HistoryAsync(fleet, plugId), h => h.Actor == "watchdog");
        Assert.False(nas.Answering);
        Assert.Equal(1, nas.Boots);
    }

    [Fact]
    public async Task APlugInAnOtaRolloutIsAlertedOnButNotPowerCycled()
    {
        await using var fleet = await FleetWithPlugs.StartAsync(1, WatchdogScenario.Settings(),
            services => services.AddSingleton<IPlugActivityGuard>(new RolloutGuard()));
        var (plugId, _) = await WatchdogScenario.AdoptSettledAsync(fleet, "obk_000000");
        await using var printer = new RelayPoweredDevice(fleet.Get<PlugEventBus>(), plugId, comesBack: true);
        await WatchdogScenario.SwitchOnAsync(fleet, plugId);
        var device = await WatchdogScenario.AddAsync(fleet, new WatchedDevice { Name = "printer", PlugId = plugId, Host = "127.0.0.1", OffSeconds = 1 });
        var probe = await WatchdogScenario.AddAsync(fleet, TcpProbe(device, printer.Port));
        await WatchdogScenario.WaitForRunsAsync(fleet, probe.Id, 2);

        await printer.HangAsync();
        await WatchdogScenario.AlertsUntilAsync(fleet, a => a.Any(x => x.Key == $"probe:{probe.Id}"));
        await WatchdogScenario.WaitForRunsAsync(fleet, probe.Id, 3);

        Assert.DoesNotContain(await WatchdogScenario.HistoryAsync(fleet, plugId), h => h.Actor == "watchdog");
        Assert.Equal(1, printer.Boots);
    }

    private sealed class RolloutGuard : IPlugActivityGuard
    {
        public string? BusyReason(long plugId) => "in OTA rollout 7";
    }

    private static Probe TcpProbe(WatchedDevice device, int port) => new()
    {
        DeviceId = device.Id, Kind = ProbeKind.Tcp, Port = port, IntervalSeconds = 1, DownIntervalSeconds = 1, TimeoutSeconds = 1,
        FailuresToTrip = 2, Window = 3, OnDown = WatchdogAction.PowerCycle,
    };
}
