using Hub.Devices.Discovery;
using Hub.Devices.Protocols;
using Hub.Testing;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Tests.Discovery;

public sealed class HttpIdentificationTests
{
    private const string ApiInfo =
        "{\"uptime_s\":5123,\"build\":\"Built on Jul 24 2026 10:41:55 version 1.18.42\",\"ip\":\"192.168.1.40\"," +
        "\"mac\":\"84:e3:42:65:d1:87\",\"flags\":\"1024\",\"mqtthost\":\"192.168.1.2:1883\",\"mqtttopic\":\"obl4265D187\"," +
        "\"chipset\":\"BL602\",\"webapp\":\"https://openbekeniot.github.io/webapp/\",\"shortName\":\"obl4265D187\"," +
        "\"startcmd\":\"\",\"supportsSSDP\":1,\"supportsClientDeviceDB\":true}";

    private const string IndexState =
        "<table><tr><td>Channel 1</td><td>ON</td></tr></table><h5>Cfg size: 3584, change counter: 12, ota counter: 1, " +
        "incomplete boots: 0</h5><h5>Reboot reason: BL_RST_SOFTWARE_WATCHDOG</h5><h5>MQTT State: connected RES: 2(192.168.1.2)</h5>";

    // Tasmota 12.x `Status 0`, trimmed to the sections discovery reads and a few around them.
    private const string TasmotaStatus =
        "{\"Status\":{\"Module\":0,\"DeviceName\":\"Kitchen\",\"FriendlyName\":[\"Kitchen\"],\"Topic\":\"tasmota_ABCDEF\"," +
        "\"ButtonTopic\":\"0\",\"Power\":1,\"PowerOnState\":3},\"StatusPRM\":{\"Baudrate\":4800,\"GroupTopic\":\"tasmotas\"," +
        "\"OtaUrl\":\"http://ota.tasmota.com/tasmota/release/tasmota.bin.gz\",\"RestartReason\":\"Software Watchdog\"," +
        "\"Uptime\":\"0T01:02:03\",\"StartupUTC\":\"2026-11-25T08:00:00\",\"Sleep\":50,\"BootCount\":17,\"SaveCount\":40}," +
        "\"StatusFWR\":{\"Version\":\"12.5.0(tasmota)\",\"BuildDateTime\":\"2023-04-14T10:00:00\",\"Core\":\"2_7_4_9\"," +
        "\"Hardware\":\"ESP8266EX\"},\"StatusMEM\":{\"ProgramSize\":620,\"Free\":380,\"Heap\":25,\"ProgramFlashSize\":1024}," +
        "\"StatusNET\":{\"Hostname\":\"kitchen-1234\",\"IPAddress\":\"192.168.1.41\"," +
        "\"Gateway\":\"192.168.1.1\",\"Mac\":\"A4:CF:12:AB:CD:EF\"},\"StatusSTS\":{\"Time\":\"2026-11-25T09:02:03\"," +
        "\"Uptime\":\"0T01:02:03\",\"UptimeSec\":3723,\"POWER\":\"ON\"}}";

    private static HttpIdentifier Identifier(int hostTimeoutSeconds = 4)
    {
        var options = Options.Create(new DiscoveryOptions { HostTimeoutSeconds = hostTimeoutSeconds });
        return new HttpIdentifier(new PlugHttpClient(options), options, TimeProvider.System);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task APlugsimPlugIsIdentifiedWithItsBootReason(bool strictHttp)
    {
        await using var bench = await DiscoveryBench.StartAsync(1, plugsimArguments: strictHttp ? ["--strict-http"] : []);

        var result = await Identifier().IdentifyAsync(bench.Sim.Plugs["obk_000000"], readRebootReason: true, TestContext.Current.CancellationToken);

        Assert.Equal(IdentifyOutcome.Identified, result.Outcome);
        var identity = result.Identity!;
        Assert.Equal("obk_000000", identity.Topic);
        Assert.Equal("02:42:00:00:00:00", identity.Mac);
        Assert.Equal("BL602", identity.Chip);
        Assert.StartsWith("OpenBL602 1.18.0 ", identity.FirmwareBuild, StringComparison.Ordinal);
        Assert.Equal("obl00000000", identity.ShortName);
        Assert.Equal(557_056, identity.OtaPartitionBytes);
        Assert.Equal("BL_RST_POWER_OFF", identity.RebootReason);
        Assert.Equal(1, identity.BootCount);
        Assert.NotNull(identity.UptimeSeconds);
    }

    [Fact]
    public async Task AfterAFreezeTheWatchdogRebootReasonIsReadFromTheIndexPage()
    {
        await using var bench = await DiscoveryBench.StartAsync(1, plugsimArguments: ["--watchdog-timeout-s", "2"]);
        var endpoint = bench.Sim.Plugs["obk_000000"];
        var identifier = Identifier(hostTimeoutSeconds: 2);

        await bench.Sim.CommandAsync("freeze obk_000000");

        var after = await Eventually.MatchAsync(
            () => identifier.IdentifyAsync(endpoint, readRebootReason: true, TestContext.Current.CancellationToken),
            r => r.Identity?.RebootReason == "BL_RST_SOFTWARE_WATCHDOG", TimeSpan.FromSeconds(40));
        Assert.Equal(2, after.Identity!.BootCount);
    }

    [Fact]
    public async Task OpenBekensBareLineFeedAndMissingContentLengthAreRead()
    {
        await using var server = new QuirkyHttpServer(new()
        {
            ["/api/info"] = QuirkyHttpServer.OpenBekenHead(200, "application/json") + ApiInfo,
            ["/index?state=1"] = QuirkyHttpServer.OpenBekenHead(200, "text/html") + IndexState,
        });

        var result = await Identifier().IdentifyAsync(server.Endpoint, readRebootReason: true, TestContext.Current.CancellationToken);

        var identity = Assert.IsType<PlugIdentity>(result.Identity);
        Assert.Equal(PlugProtocolKind.OpenBeken, identity.Protocol);
        Assert.Equal("obl4265D187", identity.Topic);
        Assert.Equal("84:E3:42:65:D1:87", identity.Mac);
        Assert.Equal("OpenBL602 1.18.42 Jul 24 2026 10:41:55", identity.FirmwareBuild);
        Assert.Equal("192.168.1.40", identity.Ip);
        Assert.Equal(5123, identity.UptimeSeconds);
        Assert.Equal(0x88000, identity.OtaPartitionBytes);
        Assert.Equal("BL_RST_SOFTWARE_WATCHDOG", identity.RebootReason);
    }

    [Fact]
    public async Task TasmotaIsIdentifiedByItsStatusZero()
    {
        await using var server = new QuirkyHttpServer(new()
        {
            ["/api/info"] = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nNot found",
            ["/cm?cmnd=Status%200"] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + TasmotaStatus,
        });

        var result = await Identifier().IdentifyAsync(server.Endpoint, readRebootReason: true, TestContext.Current.CancellationToken);

        var identity = Assert.IsType<PlugIdentity>(result.Identity);
        Assert.Equal(PlugProtocolKind.Tasmota, identity.Protocol);
        Assert.Equal("tasmota_ABCDEF", identity.Topic);
        Assert.Equal("A4:CF:12:AB:CD:EF", identity.Mac);
        Assert.Equal("12.5.0", identity.FirmwareBuild);
        Assert.Equal("ESP8266EX", identity.Chip);
        Assert.Equal(3723, identity.UptimeSeconds);
        Assert.Equal("Software Watchdog", identity.RebootReason);
        Assert.Equal(17, identity.BootCount);
        Assert.Equal(380 * 1024, identity.OtaPartitionBytes);
    }

    [Fact]
    public async Task NegativeStatusesAndGarbageAreNotAPlugAndDoNotThrow()
    {
        await using var server = new QuirkyHttpServer(new()
        {
            ["/api/info"] = "HTTP/1.1 -20 OK\n{\"error\":-20, \"msg\":\"Invalid header ident\"}\r\n\r\n",
            ["/cm?cmnd=Status%200"] = "\u0000\u0001this is not HTTP at all",
        });

        var result = await Identifier().IdentifyAsync(server.Endpoint, readRebootReason: true, TestContext.Current.CancellationToken);

        Assert.Equal(IdentifyOutcome.NotAPlug, result.Outcome);
        Assert.Null(result.Identity);
    }

    [Fact]
    public async Task AWebPasswordIsReportedAsUnauthorized()
    {
        await using var server = new QuirkyHttpServer(new()
        {
            ["/api/info"] = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"OpenBeken HTTP Server\"\r\n\r\nUnauthorized",
        });

        var result = await Identifier().IdentifyAsync(server.Endpoint, readRebootReason: false, TestContext.Current.CancellationToken);

        Assert.Equal(IdentifyOutcome.Unauthorized, result.Outcome);
    }

    [Fact]
    public async Task AServerThatNeverAnswersTimesOutWithinTheHostDeadline()
    {
        await using var server = new QuirkyHttpServer([]);
        var started = TimeProvider.System.GetTimestamp();

        var result = await Identifier(hostTimeoutSeconds: 1).IdentifyAsync(server.Endpoint, readRebootReason: false, TestContext.Current.CancellationToken);

        Assert.Equal(IdentifyOutcome.TimedOut, result.Outcome);
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }
}
