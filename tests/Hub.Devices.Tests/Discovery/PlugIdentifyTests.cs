using Hub.Devices.Discovery;
using Hub.Devices.Fleet;
using Hub.Devices.Protocols;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.Discovery;

public sealed class PlugIdentifyTests
{
    [Fact]
    public async Task IdentifyingAPlugSendsItsRebootReasonToTheFleet()
    {
        await using var bench = await DiscoveryBench.StartAsync(1);
        var found = Assert.Single((await bench.Discovery.SearchSsdpAsync(TestContext.Current.CancellationToken)).Plugs);

        var result = await bench.Discovery.IdentifyPlugAsync(found.PlugId!.Value, TestContext.Current.CancellationToken);

        Assert.Equal(IdentifyOutcome.Identified, result.Outcome);
        Assert.True(await bench.Get<FleetState>().WaitUntilAsync(found.PlugId.Value, s => s.LastRebootReason == "BL_RST_POWER_OFF",
            TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnotherDeviceAnsweringAtThePlugsAddressIsNotTakenForIt()
    {
        await using var bench = await DiscoveryBench.StartAsync(2);
        var plugs = (await bench.Discovery.SearchSsdpAsync(TestContext.Current.CancellationToken)).Plugs;
        var first = plugs.Single(p => p.Topic == "obk_000000");
        await using (var scope = bench.Devices.Services.CreateAsyncScope())
        {
            var other = bench.Sim.Plugs["obk_000001"].GetLeftPart(UriPartial.Authority);
            await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.Where(p => p.Id == first.PlugId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.HttpEndpoint, other), TestContext.Current.CancellationToken);
        }

        var result = await bench.Discovery.IdentifyPlugAsync(first.PlugId!.Value, TestContext.Current.CancellationToken);

        Assert.Equal(IdentifyOutcome.DifferentPlug, result.Outcome);
        Assert.Equal("02:42:00:00:00:00", (await bench.PlugsAsync()).Single(p => p.Id == first.PlugId).Mac);
    }

    [Fact]
    public async Task APlugWithoutAKnownAddressCannotBeIdentified()
    {
        await using var bench = await DiscoveryBench.StartAsync(1);
        var entry = await bench.Get<PlugDirectory>().RegisterAsync("obk_mqtt_only", PlugProtocolKind.OpenBeken, TestContext.Current.CancellationToken);

        var result = await bench.Discovery.IdentifyPlugAsync(entry.Id, TestContext.Current.CancellationToken);
        var unknown = await bench.Discovery.IdentifyPlugAsync(4242, TestContext.Current.CancellationToken);

        Assert.Equal(IdentifyOutcome.NoAddress, result.Outcome);
        Assert.Equal(IdentifyOutcome.UnknownPlug, unknown.Outcome);
    }
}
