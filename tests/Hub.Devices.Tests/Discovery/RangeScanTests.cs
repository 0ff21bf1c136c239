using Hub.Devices.Discovery;
using Hub.Testing;

namespace Hub.Devices.Tests.Discovery;

public sealed class RangeScanTests
{
    [Fact]
    public async Task AScanOfOneAddressWithSeveralPortsFindsThePlugs()
    {
        await using var bench = await DiscoveryBench.StartAsync(2);
        var ports = bench.Sim.Plugs.Values.Select(u => u.Port).Append(FreePort.Next()).ToList();
        Assert.Equal(AddressRangeError.None, AddressRange.TryParse("127.0.0.1", 1024, out var range));

        var report = await bench.Discovery.TryScanAsync(range!, ports, TestContext.Current.CancellationToken);

        Assert.NotNull(report);
        Assert.Equal(3, report.Probed);
        Assert.Equal(2, report.Answered);
        Assert.Equal(["obk_000000", "obk_000001"], report.Plugs.Select(p => p.Topic).Order(StringComparer.Ordinal));
        Assert.All(report.Plugs, p => Assert.Equal(DiscoveryChange.New, p.Change));
        Assert.Equal(2, (await bench.PlugsAsync()).Count(p => p.Chip == "BL602" && p.HttpEndpoint is not null));
    }

    [Fact]
    public async Task OnlyOneScanRunsAtATime()
    {
        await using var bench = await DiscoveryBench.StartAsync(1, settings: new() { ["Discovery:HostTimeoutSeconds"] = "2" });
        await using var silent = new QuirkyHttpServer([]);
        AddressRange.TryParse("127.0.0.1", 1024, out var range);

        var first = bench.Discovery.TryScanAsync(range!, [silent.Endpoint.Port], TestContext.Current.CancellationToken);
        var second = await bench.Discovery.TryScanAsync(range!, [silent.Endpoint.Port], TestContext.Current.CancellationToken);

        Assert.Null(second);
        var report = await first;
        Assert.NotNull(report);
        Assert.Empty(report.Plugs);
        Assert.Equal(0, report.Answered);
    }

    [Theory]
    [InlineData("192.168.1.40", 1)]
    [InlineData("192.168.1.0/24", 254)]
    [InlineData("192.168.1.8/30", 2)]
    [InlineData("192.168.1.7/32", 1)]
    [InlineData("192.168.1.10-192.168.1.60", 51)]
    [InlineData("192.168.1.10-60", 51)]
    [InlineData(" 10.0.0.250 - 10.0.1.5 ", 12)]
    [InlineData("192.168.0.0/22", 1022)]
    public void RangesAreReadAsAddressCounts(string text, int count)
    {
        Assert.Equal(AddressRangeError.None, AddressRange.TryParse(text, 1024, out var range));
        Assert.Equal(count, range!.Count);
        Assert.Equal(count, range.Addresses().Count());
    }

    [Theory]
    [InlineData("192.168.0.0/21", AddressRangeError.TooLarge)]
    [InlineData("10.0.0.0/8", AddressRangeError.TooLarge)]
    [InlineData("10.0.0.1-10.0.9.1", AddressRangeError.TooLarge)]
    [InlineData("300.1.2.3", AddressRangeError.Malformed)]
    [InlineData("192.168.1.0/33", AddressRangeError.Malformed)]
    [InlineData("192.168.1.60-192.168.1.10", AddressRangeError.Malformed)]
    [InlineData("192.168.1", AddressRangeError.Malformed)]
    [InlineData("fe80::1", AddressRangeError.Malformed)]
    [InlineData("239.255.255.250", AddressRangeError.Malformed)]
    [InlineData("255.255.255.255", AddressRangeError.Malformed)]
    [InlineData("0.0.0.0/0", AddressRangeError.Malformed)]
    [InlineData("", AddressRangeError.Malformed)]
    [InlineData("plugs.local", AddressRangeError.Malformed)]
    public void RangesThatAreMalformedOrTooLargeAreRefused(string text, AddressRangeError error)
    {
        Assert.Equal(error, AddressRange.TryParse(text, 1024, out var range));
        Assert.Null(range);
    }
}
