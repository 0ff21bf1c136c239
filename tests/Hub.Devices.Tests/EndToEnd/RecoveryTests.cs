using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.EndToEnd;

public sealed class RecoveryTests
{
    [Fact]
    public async Task APlugThatDoesNotReturnAfterABrokerOutageIsReportedAndMarkedOffline()
    {
        await using var fleet = await FleetWithPlugs.StartAsync(2, new Dictionary<string, string?> { ["Recovery:GraceSeconds"] = "25" });
        var returning = await fleet.AdoptAsync("obk_000000");
        var lost = await fleet.AdoptAsync("obk_000001");
        var broker = fleet.Get<EmbeddedBroker>();

        await broker.StopAsync(TestContext.Current.CancellationToken);
        await fleet.Sim.CommandAsync("wifi-drop obk_000001 600");
        await broker.StartAsync(TestContext.Current.CancellationToken);
        var brokerBack = TimeProvider.System.GetUtcNow();

        // The watchdog reads the NotBack signal too; the report is what this test can observe without racing it.
        var watcher = fleet.Get<RecoveryWatcher>();
        var report = await Eventually.MatchAsync(() => Task.FromResult(watcher.LastReport), r => r is not null, TimeSpan.FromSeconds(90));
        var state = fleet.Get<FleetState>();

        Assert.Equal([lost], report!.NotBack);
        Assert.Equal(2, report.PlugsBefore);
        Assert.True(await state.WaitUntilAsync(lost, s => !s.Online, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.True(state.IsOnline(returning));
        // Marked offline by the hub, not heard from: the offline rule must keep counting from its last real message.
        Assert.True(state.Find(lost)?.State.LastSeenAt < brokerBack, $"last seen {state.Find(lost)?.State.LastSeenAt:O}");
        using var scope = fleet.Devices.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        Assert.True(await db.PlugHistory.AnyAsync(h => h.PlugId == lost && h.Kind == PlugHistoryKind.NotBackAfterOutage,
            TestContext.Current.CancellationToken));
    }
}
