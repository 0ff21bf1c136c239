using System.Net;
using System.Text;
using Hub.Devices.Discovery;
using Hub.Devices.Fleet;
using Hub.Devices.Protocols;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.Discovery;

public sealed class SsdpDiscoveryTests
{
    private const string OpenBekenAnswer =
        "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: http://192.168.1.40:80/ssdp.xml\r\n" +
        "OPT: \"http://schemas.upnp.org/upnp/1/0/\"; ns=01\r\n01-NLS: 1a2b\r\nST: upnp:rootdevice\r\nSERVER: OpenBk\r\n" +
        "USN: 1a2b::upnp:rootdevice\r\nBOOTID.UPNP.ORG: 0\r\nCONFIGID.UPNP.ORG: 1\r\n\r\n\r\n";

    [Fact]
    public async Task AnSsdpSearchFindsAndIdentifiesEveryPlug()
    {
        await using var bench = await DiscoveryBench.StartAsync(3);

        var report = await bench.Discovery.SearchSsdpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, report.Answered);
        Assert.Equal(["obk_000000", "obk_000001", "obk_000002"], report.Plugs.Select(p => p.Topic));
        Assert.All(report.Plugs, p =>
        {
            Assert.Equal(DiscoveryChange.New, p.Change);
            Assert.Equal(PlugStatus.Pending, p.Status);
            Assert.Equal(PlugProtocolKind.OpenBeken, p.Identity.Protocol);
            Assert.Equal("BL602", p.Identity.Chip);
            Assert.StartsWith("OpenBL602 1.18.0 ", p.Identity.FirmwareBuild, StringComparison.Ordinal);
            Assert.Equal(557_056, p.Identity.OtaPartitionBytes);
            Assert.StartsWith("02:42:00:00:00:0", p.Identity.Mac, StringComparison.Ordinal);
        });
        var rows = await bench.PlugsAsync();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(bench.Sim.Plugs[row.Topic].GetLeftPart(UriPartial.Authority), row.HttpEndpoint);
            Assert.Equal("BL602", row.Chip);
            Assert.Equal("127.0.0.1", row.Ip);
            Assert.Equal(557_056, row.OtaPartitionBytes);
            Assert.NotNull(row.Mac);
        });
    }

    [Fact]
    public async Task SearchingAgainUpdatesTheKnownPlugsInsteadOfAddingThem()
    {
        await using var bench = await DiscoveryBench.StartAsync(2);

        await bench.Discovery.SearchSsdpAsync(TestContext.Current.CancellationToken);
        var again = await bench.Discovery.SearchSsdpAsync(TestContext.Current.CancellationToken);

        Assert.All(again.Plugs, p => Assert.Equal(DiscoveryChange.Updated, p.Change));
        Assert.Equal(2, (await bench.PlugsAsync()).Count);
    }

    [Fact]
    public async Task APlugAnnouncedOnMqttBecomesPendingWithTheIdentityItPublishes()
    {
        await using var bench = await DiscoveryBench.StartAsync(1, mqtt: true);

        var row = await Eventually.MatchAsync(async () => (await bench.PlugsAsync()).SingleOrDefault(),
            p => p is { Mac: not null, Chip: not null, FirmwareBuild: not null }, TimeSpan.FromSeconds(40));

        Assert.Equal("obk_000000", row!.Topic);
        Assert.Equal(PlugStatus.Pending, row.Status);
        Assert.Equal("02:42:00:00:00:00", row.Mac);
        Assert.Equal("BL602", row.Chip);
    }

    [Fact]
    public async Task APlugFoundOnMqttAndBySsdpIsOnePlugWithTheSameBuildText()
    {
        await using var bench = await DiscoveryBench.StartAsync(1, mqtt: true);
        var known = await Eventually.MatchAsync(async () => (await bench.PlugsAsync()).SingleOrDefault(),
            p => p is { FirmwareBuild: not null }, TimeSpan.FromSeconds(40));

        var report = await bench.Discovery.SearchSsdpAsync(TestContext.Current.CancellationToken);

        var found = Assert.Single(report.Plugs);
        Assert.Equal(known!.Id, found.PlugId);
        Assert.Equal(DiscoveryChange.Updated, found.Change);
        var row = Assert.Single(await bench.PlugsAsync());
        Assert.Equal(bench.Sim.Plugs["obk_000000"].GetLeftPart(UriPartial.Authority), row.HttpEndpoint);
        Assert.Equal(known.FirmwareBuild, row.FirmwareBuild);
    }

    [Fact]
    public async Task APlugClaimingAnotherPlugsTopicIsNotRecordedWhileTheOthersAre()
    {
        await using var bench = await DiscoveryBench.StartAsync(2);
        await using (var scope = bench.Devices.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            db.Plugs.Add(new Plug
            {
                Topic = "obk_000001", Protocol = PlugProtocolKind.OpenBeken, Status = PlugStatus.Pending, Mac = "02:42:00:00:00:99",
                FirstSeenAt = TimeProvider.System.GetUtcNow(),
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var report = await bench.Discovery.SearchSsdpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(DiscoveryChange.New, report.Plugs.Single(p => p.Identity.Topic == "obk_000000").Change);
        Assert.Equal(DiscoveryChange.TopicConflict, report.Plugs.Single(p => p.Identity.Topic == "obk_000001").Change);
        var rows = await bench.PlugsAsync();
        Assert.Equal(["obk_000000", "obk_000001"], rows.Select(r => r.Topic));
        Assert.Equal("02:42:00:00:00:99", rows[1].Mac);
        Assert.Null(rows[1].HttpEndpoint);
        Assert.NotNull(rows[0].HttpEndpoint);
    }

    [Fact]
    public async Task ThePeriodicSearchFindsPlugsWithoutBeingAsked()
    {
        await using var bench = await DiscoveryBench.StartAsync(2, settings: new()
        {
            ["Discovery:PeriodicSsdp"] = "true",
            ["Discovery:SsdpFirstSearchDelaySeconds"] = "4",
            ["Discovery:SsdpIntervalSeconds"] = "30",
        });

        // The first search runs 4 s after the hub starts, which can be before a loaded machine has booted plugsim's plugs;
        // the deadline leaves room for the searches at 34 s and 64 s as well.
        var rows = await Eventually.MatchAsync(bench.PlugsAsync, r => r.Count == 2, TimeSpan.FromSeconds(90));

        Assert.All(rows, r => Assert.Equal(PlugStatus.Pending, r.Status));
    }

    [Fact]
    public void OpenBekensAnswerWithItsExtraLineEndAndBareUsnIsRead()
    {
        var answer = SsdpResponse.Parse(Encoding.ASCII.GetBytes(OpenBekenAnswer), new IPEndPoint(IPAddress.Parse("192.168.1.40"), 1900));

        Assert.NotNull(answer);
        Assert.True(answer.SaysOpenBeken);
        Assert.Equal(new Uri("http://192.168.1.40/ssdp.xml"), answer.Location);
        Assert.Equal("1a2b::upnp:rootdevice", answer.Usn);
    }

    [Theory]
    [InlineData("192.168.1.99", OpenBekenAnswer)]
    [InlineData("192.168.1.40", "NOTIFY * HTTP/1.1\r\nLOCATION: http://192.168.1.40/ssdp.xml\r\n\r\n")]
    [InlineData("192.168.1.40", "HTTP/1.1 200 OK\r\nLOCATION: ftp://192.168.1.40/ssdp.xml\r\n\r\n")]
    [InlineData("192.168.1.40", "HTTP/1.1 200 OK\r\nSERVER: OpenBk\r\n\r\n")]
    [InlineData("192.168.1.40", "\u0000\u00ff garbage")]
    public void AnswersThatPointElsewhereOrAreNotSearchAnswersAreIgnored(string from, string datagram)
    {
        var answer = SsdpResponse.Parse(Encoding.Latin1.GetBytes(datagram), new IPEndPoint(IPAddress.Parse(from), 1900));

        Assert.Null(answer);
    }

    [Fact]
    public void OpenBekensDeviceDescriptionWithoutNamespaceIsRecognised()
    {
        const string xml = "<root>\r\n<specVersion><major>1</major><minor>0</minor></specVersion>\r\n<device>\r\n" +
            "<friendlyName>OpenBL602_4265D187</friendlyName><manufacturer>OpenBeken</manufacturer><modelName>BL602</modelName>" +
            "<UDN>uuid:1a2b</UDN><serviceList><service><serviceType>urn:schemas-upnp-org:service:openbk:1</serviceType>" +
            "<serviceId>urn:upnp-org:serviceId:1</serviceId><controlURL>/</controlURL><eventSubURL/></service></serviceList>" +
            "</device>\r\n</root>\r\n";
        const string tv = "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device>" +
            "<manufacturer>Samsung</manufacturer><modelName>TV</modelName></device></root>";

        Assert.True(DeviceDescription.Parse(xml)?.IsOpenBeken);
        Assert.False(DeviceDescription.Parse(tv)?.IsOpenBeken);
        Assert.Null(DeviceDescription.Parse("<!DOCTYPE x [<!ENTITY a \"b\">]><root/>"));
    }
}
