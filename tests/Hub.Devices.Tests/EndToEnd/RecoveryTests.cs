using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.EndToEnd;

public sealed class RecoveryTests
{
    [Fact]
    public async Task APlugThatDoesNotReturnAfterABrokerOutageIsReportedAndMarkedOffline()
    {
        await using var fleet = await FleetWithPlugs.StartAsync(2, new Dictionary<string, string?> { ["Recovery:GraceSeconds"] = "5" });
        var returning = await fleet.AdoptAsync("obk_000000");
        var lost = await fleet.AdoptAsync("obk_000001");
        var broker = fleet.Get<EmbeddedBroker>();

        await broker.StopAsync(TestContext.Current.CancellationToken);
        await fleet.Sim.CommandAsync("wifi-drop obk_000001 600");
        await broker.StartAsync(TestContext.Current.CancellationToken);

        var notBack = await fleet.Get<FleetSignals>().NotBack.ReadAsync(TestContext.Current.CancellationToken)
            .AsTask().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var report = fleet.Get<RecoveryWatcher>().LastReport!;
        var state = fleet.Get<FleetState>();

        Assert.Equal(lost, notBack.PlugId);
        Assert.Equal([lost], report.NotBack);
        Assert.Equal(2, report.PlugsBefore);
        Assert.True(await state.WaitUntilAsync(lost, s => !s.Online, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.True(state.IsOnline(returning));
        using var scope = fleet.Devices.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        Assert.True(await db.PlugHistory.AnyAsync(h => h.PlugId == lost && h.Kind == PlugHistoryKind.NotBackAfterOutage,
            TestContext.Current.CancellationToken));
    }
}
