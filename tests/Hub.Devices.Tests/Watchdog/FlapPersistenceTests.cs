using System.Globalization;
using Hub.Devices.Alerts;
using Hub.Devices.Fleet;
using Hub.Devices.Watchdog;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.Watchdog;

public sealed class FlapPersistenceTests
{
    [Fact]
    public async Task AHubRestartKeepsNeedsAttentionAndTheActionCount()
    {
        using var folder = new TempFolder("flap-restart");
        var closedPort = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["Data:Directory"] = folder.Combine("data"),
            ["Watchdog:TickMilliseconds"] = "100",
            ["Watchdog:MaxActionsPerWindow"] = "2",
            ["Watchdog:BackoffSeconds"] = "0",
            ["Watchdog:CommandTimeoutSeconds"] = "2",
        };
        long plugId;
        long probeId;
        await using (var before = await DevicesHost.StartAsync(settings))
        {
            // A plug whose web server is gone: every probe fails and every restart over HTTP is refused.
            var plug = await AddAsync(before, new Plug
            {
                Topic = "obk_dead", Status = PlugStatus.Adopted, HttpEndpoint = $"127.0.0.1:{closedPort.ToString(CultureInfo.InvariantCulture)}",
                FirstSeenAt = TimeProvider.System.GetUtcNow(),
            });
            plugId = plug.Id;
            probeId = (await AddAsync(before, new Probe
            {
                PlugId = plugId, Kind = ProbeKind.Tcp, Port = closedPort, IntervalSeconds = 1, DownIntervalSeconds = 1, TimeoutSeconds = 1,
                FailuresToTrip = 1, Window = 1, OnDown = WatchdogAction.RestartPlug,
            })).Id;
            await Eventually.MatchAsync(() => AlertsAsync(before), a => a.Any(x => x.Key == $"attention:plug:{plugId}"), TimeSpan.FromSeconds(30));
        }

        await using var after = await DevicesHost.StartAsync(settings);
        await WaitForRunsAsync(after, probeId, 3);

        var status = after.Services.GetRequiredService<ProbeWorker>().Status().Single(s => s.ProbeId == probeId);
        var guard = after.Services.GetRequiredService<WatchdogResponder>().GuardFor($"plug:{plugId}");
        var history = await HistoryAsync(after, plugId);
        Assert.True(status.NeedsAttention);
        Assert.Equal(2, guard.ActionsInWindow(TimeProvider.System.GetUtcNow()));
        Assert.True(2 == history.Count(h => h.Kind == PlugHistoryKind.CommandFailed),
            string.Join("\n", history.Select(h => $"{h.At:O} {h.Kind} {h.Detail}")));
        Assert.Single(history, h => h.Kind == PlugHistoryKind.WatchdogGaveUp);
    }

    [Fact]
    public async Task ResettingATargetClearsItsSavedState()
    {
        await using var devices = await DevicesHost.StartAsync(new Dictionary<string, string?> { ["Watchdog:TickMilliseconds"] = "100" });
        var plug = await AddAsync(devices, new Plug { Topic = "obk_fixed", Status = PlugStatus.Adopted, FirstSeenAt = TimeProvider.System.GetUtcNow() });
        await AddAsync(devices, new Probe { PlugId = plug.Id, Kind = ProbeKind.Mqtt, IntervalSeconds = 3600 });
        await AddAsync(devices, new FlapState
        {
            TargetKey = $"plug:{plug.Id}", Actions = [TimeProvider.System.GetUtcNow()], NeedsAttention = true,
        });
        var worker = devices.Services.GetRequiredService<ProbeWorker>();
        await devices.Services.GetRequiredService<WatchdogResponder>().LoadFlapStatesAsync(TestContext.Current.CancellationToken);
        var loaded = await Eventually.MatchAsync(() => Task.FromResult(worker.Status()), s => s.Count == 1, TimeSpan.FromSeconds(10));

        var reset = await worker.ResetTargetAsync($"plug:{plug.Id}", TestContext.Current.CancellationToken);

        using var scope = devices.Services.CreateScope();
        Assert.True(loaded.Single().NeedsAttention);
        Assert.True(reset);
        Assert.False(worker.Status().Single().NeedsAttention);
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<DevicesDb>().FlapStates.ToListAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<T> AddAsync<T>(DevicesHost devices, T row) where T : class
    {
        using var scope = devices.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        db.Add(row);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        devices.Services.GetRequiredService<ProbeWorker>().Reload();
        return row;
    }

    private static async Task<List<Alert>> AlertsAsync(DevicesHost devices)
    {
        using var scope = devices.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DevicesDb>().Alerts.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<List<PlugHistoryEntry>> HistoryAsync(DevicesHost devices, long plugId)
    {
        using var scope = devices.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DevicesDb>().PlugHistory.AsNoTracking()
            .Where(h => h.PlugId == plugId).OrderBy(h => h.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    private static async Task WaitForRunsAsync(DevicesHost devices, long probeId, int runs)
    {
        var worker = devices.Services.GetRequiredService<ProbeWorker>();
        for (var i = 0; i < runs; i++)
        {
            var last = worker.Status().FirstOrDefault(s => s.ProbeId == probeId)?.LastRunAt;
            await Eventually.MatchAsync(() => Task.FromResult(worker.Status().FirstOrDefault(s => s.ProbeId == probeId)),
                s => s?.LastRunAt is { } at && at != last, TimeSpan.FromSeconds(20));
        }
    }
}
