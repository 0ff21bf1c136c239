using Hub.Devices.Discovery;
using Hub.Testing;

namespace Hub.Devices.Tests.Discovery;

public sealed class MqttEndpointTests
{
    [Fact]
    public async Task APlugFoundOverMqttGetsItsWebAddressFromTheIpItPublishes()
    {
        await using var bench = await DiscoveryBench.StartAsync(1, mqtt: true);

        // plugsim publishes <T>/ip = 127.0.0.1 like OpenBeken: no port on MQTT, so port 80 until HTTP discovery says otherwise.
        var row = (await Eventually.MatchAsync(bench.PlugsAsync, rows => rows.SingleOrDefault()?.HttpEndpoint is not null,
            TimeSpan.FromSeconds(60))).Single();
        Assert.Equal("http://127.0.0.1", row.HttpEndpoint);
        Assert.Equal("127.0.0.1", row.Ip);

        var plugAddress = bench.Sim.Plugs[row.Topic].GetLeftPart(UriPartial.Authority);
        await bench.Discovery.SearchSsdpAsync(TestContext.Current.CancellationToken);
        var identified = await bench.Discovery.IdentifyPlugAsync(row.Id, TestContext.Current.CancellationToken);

        Assert.Equal(IdentifyOutcome.Identified, identified.Outcome);
        Assert.Equal(plugAddress, identified.HttpEndpoint);
        Assert.Equal(plugAddress, (await bench.PlugsAsync()).Single().HttpEndpoint);
    }
}
