using Hub.Devices.Alerts;
using Hub.Devices.Commands;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Watchdog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.EndToEnd;

/// <summary>Arranging and reading the watchdog's tables for the end-to-end tests.</summary>
internal static class WatchdogScenario
{
    /// <summary>Fast settings for tests: ticks of 100 ms, a one-second recovery hold, short command timeouts.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Watchdog:TickMilliseconds"] = "100",
            ["Watchdog:CommandTimeoutSeconds"] = "3",
            ["Alerts:RecoveryHoldSeconds"] = "1",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// Adopts the plug and waits out the restart that adoption asks for (it moves the plug onto its own broker
    /// account), so the test starts with a plug that stays up. Returns the plug id and its boot after adoption.
    /// </summary>
    public static async Task<(long PlugId, int BootCount)> AdoptSettledAsync(FleetWithPlugs fleet, string topic)
    {
        var plugId = await fleet.AdoptAsync(topic);
        var first = await fleet.WaitForEventAsync<TelemetryReported>(t => t.PlugId == plugId && t.BootCount is not null);
        var settled = await fleet.WaitForEventAsync<TelemetryReported>(t => t.PlugId == plugId && t.BootCount > first.BootCount,
            TimeSpan.FromSeconds(30));
        Assert.True(await fleet.Get<FleetState>().WaitUntilAsync(plugId, s => s.Online, TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));
        return (plugId, settled.BootCount!.Value);
    }

    public static async Task<T> AddAsync<T>(FleetWithPlugs fleet, T row) where T : class
    {
        using var scope = fleet.Devices.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        db.Add(row);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        fleet.Get<ProbeWorker>().Reload();
        return row;
    }

    /// <summary>Tells the hub where plugsim's web server for the plug listens (discovery would, on a real network).</summary>
    public static async Task SetHttpEndpointAsync(FleetWithPlugs fleet, long plugId, string topic)
    {
        var endpoint = fleet.Sim.Plugs[topic].ToString();
        using var scope = fleet.Devices.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.Where(p => p.Id == plugId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.HttpEndpoint, endpoint), TestContext.Current.CancellationToken);
    }

    public static async Task SwitchOnAsync(FleetWithPlugs fleet, long plugId)
    {
        var outcome = await fleet.Get<PlugCommander>().SendAsync(plugId, new SetRelay(1, RelayAction.On), TimeSpan.FromSeconds(10),
            TestContext.Current.CancellationToken);
        Assert.Equal(CommandOutcomeKind.Confirmed, outcome.Kind);
    }

    public static async Task<List<PlugHistoryEntry>> HistoryAsync(FleetWithPlugs fleet, long plugId)
    {
        using var scope = fleet.Devices.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DevicesDb>().PlugHistory.AsNoTracking()
            .Where(h => h.PlugId == plugId).OrderBy(h => h.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<List<Alert>> AlertsAsync(FleetWithPlugs fleet)
    {
        using var scope = fleet.Devices.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DevicesDb>().Alerts.AsNoTracking().OrderBy(a => a.Id)
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    public static Task<List<Alert>> AlertsUntilAsync(FleetWithPlugs fleet, Func<List<Alert>, bool> condition, int seconds = 30) =>
        Hub.Testing.Eventually.MatchAsync(() => AlertsAsync(fleet), condition, TimeSpan.FromSeconds(seconds));

    /// <summary>Waits until the probe has run at least <paramref name="runs"/> more times, so its verdict is current.</summary>
    public static async Task WaitForRunsAsync(FleetWithPlugs fleet, long probeId, int runs)
    {
        var worker = fleet.Get<ProbeWorker>();
        for (var i = 0; i < runs; i++)
        {
            var last = worker.Status().FirstOrDefault(s => s.ProbeId == probeId)?.LastRunAt;
            await Hub.Testing.Eventually.MatchAsync(() => Task.FromResult(worker.Status().FirstOrDefault(s => s.ProbeId == probeId)),
                s => s?.LastRunAt is { } at && at != last, TimeSpan.FromSeconds(20));
        }
    }
}
