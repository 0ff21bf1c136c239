using System.Text;
using Hub.Devices.Protocols.OpenBeken;

namespace Hub.Devices.Tests.Protocols;

public sealed class OpenBekenHttpParsersTests
{
    [Fact]
    public void OpenBekensApiInfoGivesIdentityWithoutBootInfo()
    {
        const string body = """{"uptime_s":3723,"build":"Built on Jul 24 2026 10:41:55 version 1.18.x","ip":"192.168.1.50","mac":"84:e3:42:65:d1:87","flags":"1024","mqtthost":"192.168.1.10:1883","mqtttopic":"obl4265D187","chipset":"BL602","webapp":"https://openbekeniot.github.io/webapp/","shortName":"obl4265D187","startcmd":"","supportsSSDP":0,"supportsClientDeviceDB":true}""";

        var info = Value(OpenBekenHttpParsers.ParseInfo(Bytes(body)));

        Assert.Equal(("84:E3:42:65:D1:87", "BL602", "1.18.x", "obl4265D187"), (info.Mac, info.Chip, info.Version, info.MqttTopic));
        Assert.Equal(("192.168.1.10", 1883, "192.168.1.50", 3723L, 1024L), (info.MqttHost, info.MqttPort, info.Ip, info.UptimeSeconds, info.Flags));
        Assert.Equal(false, info.SupportsSsdp);
        Assert.Null(info.RebootReason);
        Assert.Null(info.OtaPartitionSize);
    }

    [Fact]
    public void OurFirmwaresApiInfoAddsBootAndOtaFields()
    {
        const string body = """{"uptime_s":12,"build":"Built on Nov 25 2026 08:00:00 version 0.4.0","ip":"127.0.0.1","mac":"02:00:00:00:00:01","flags":"1024","mqtthost":"127.0.0.1:18830","mqtttopic":"obk_000001","chipset":"BL602","webapp":"https://openbekeniot.github.io/webapp/","shortName":"obk000001","startcmd":"","supportsSSDP":1,"supportsClientDeviceDB":true,"rebootReason":"BL_RST_SOFTWARE_WATCHDOG","bootCount":2,"otaPartitionSize":557056,"activeSlot":1,"version":"0.4.0"}""";

        var info = Value(OpenBekenHttpParsers.ParseInfo(Bytes(body)));

        Assert.Equal(("BL_RST_SOFTWARE_WATCHDOG", 2, 557056L, 1, "0.4.0"), (info.RebootReason, info.BootCount, info.OtaPartitionSize, info.ActiveSlot, info.Version));
        var telemetry = info.ToTelemetry("obk_000001", TestProtocols.At);
        Assert.Equal(("obk_000001", "0.4.0", 2), (telemetry.Topic, telemetry.Build, telemetry.BootCount));
    }

    [Fact]
    public void AnInfoWithoutAnMqttHostStillGivesThePort()
    {
        var info = Value(OpenBekenHttpParsers.ParseInfo(Bytes("""{"mac":"84:e3:42:65:d1:87","mqtthost":":1883"}""")));

        Assert.Equal((null, 1883), (info.MqttHost, info.MqttPort));
    }

    [Theory]
    [InlineData("""{"build":"x"}""")]
    [InlineData("""{"mac":"not a mac"}""")]
    [InlineData("<html>404</html>")]
    [InlineData("""{"mac":"84:e3:42:65:d1:87","uptime_s":-5}""")]
    public void AnInfoThatIsNotOpenBekensFailsWithAReason(string body)
    {
        var result = OpenBekenHttpParsers.ParseInfo(Bytes(body));

        Assert.Null(result.Value);
        Assert.False(string.IsNullOrEmpty(result.Error));
    }

    [Theory]
    [InlineData("<h5>Reboot reason: BL_RST_SOFTWARE_WATCHDOG</h5>", "BL_RST_SOFTWARE_WATCHDOG", true)]
    [InlineData("<h5>Reboot reason: BL_RST_POWER_OFF</h5><h5>Cfg size: 2016</h5>", "BL_RST_POWER_OFF", false)]
    [InlineData("<h5>Reboot reason: 2 - Wdt</h5>", "2 - Wdt", true)]
    [InlineData("<h5>Reboot reason: 1 - Rbt</h5>", "1 - Rbt", false)]
    [InlineData("<h5>Reboot reason: 8 - Unk</h5>", "8 - Unk", true)]
    public void TheIndexStateGivesTheRealRebootReason(string html, string reason, bool abnormal)
    {
        var state = Value(OpenBekenHttpParsers.ParseIndexState(Bytes(html)));

        Assert.Equal((reason, abnormal), (state.RebootReason, state.Abnormal));
    }

    [Fact]
    public void OurFirmwaresIndexStateAddsCountersAndTheLogBeforeTheReboot()
    {
        const string html = "<table><tr><td>Channel 1</td><td>ON</td></tr></table><h5>Voltage 230.0 V, Current 0.260 A, Power 60.00 W, Energy Total 1.234 kWh</h5><h5>Cfg size: 512, change counter: 4, ota counter: 1, incomplete boots: 0</h5><h5>Reboot reason: BL_RST_SOFTWARE_WATCHDOG</h5><h5>Boot count: 7</h5><h5>MQTT State: connected RES: 2(127.0.0.1)</h5><h5>Free heap: 81234</h5><h5>Log before reboot:</h5><pre>MQTT: connected\nrelay &lt;1&gt; &amp; stuck\nFault: main loop frozen</pre>";

        var state = Value(OpenBekenHttpParsers.ParseIndexState(Bytes(html)));

        Assert.Equal((7, 0, 1), (state.BootCount, state.IncompleteBoots, state.OtaCounter));
        Assert.Equal(["MQTT: connected", "relay <1> & stuck", "Fault: main loop frozen"], state.LastLogLines);
        var boot = state.ToBoot("obk_000001", TestProtocols.At);
        Assert.Equal(("BL_RST_SOFTWARE_WATCHDOG", 7, 3), (boot.RebootReason, boot.BootCount, boot.LastLogLines.Count));
    }

    [Fact]
    public void APageWithoutARebootReasonFails()
    {
        Assert.NotNull(OpenBekenHttpParsers.ParseIndexState(Bytes("<h5>Cfg size: 2016</h5>")).Error);
    }

    [Fact]
    public void CmRepliesNameTheRelaysOrCarryTheBareValue()
    {
        var power = Value(OpenBekenHttpParsers.ParseCommandReply(Bytes("""{"POWER1":"ON","POWER2":"OFF"}""")));
        var bare = Value(OpenBekenHttpParsers.ParseCommandReply(Bytes("1")));
        var empty = Value(OpenBekenHttpParsers.ParseCommandReply([]));

        Assert.Equal(new Dictionary<int, bool> { [1] = true, [2] = false }, power.Relays);
        Assert.True(power.Success);
        Assert.Equal("1", bare.Body);
        Assert.Equal(string.Empty, empty.Body);
    }

    [Fact]
    public void ApiCmndEnvelopesSaySuccessOrWhyNot()
    {
        var ok = Value(OpenBekenHttpParsers.ParseCommandReply(Bytes("""{"success":200, "msg":"OK", "res":{"POWER":"ON"}}""")));
        var unknown = Value(OpenBekenHttpParsers.ParseCommandReply(Bytes("""{"error":501, "msg":"Unknown command", "res":{}}""")));

        Assert.Equal((true, "OK", true), (ok.Success, ok.Message, ok.Relays[1]));
        Assert.Equal((false, "Unknown command"), (unknown.Success, unknown.Message));
    }

    [Fact]
    public void BrokenRepliesFailInsteadOfThrowing()
    {
        Assert.NotNull(OpenBekenHttpParsers.ParseCommandReply(Bytes("""{"POWER":"maybe"}""")).Error);
        Assert.NotNull(OpenBekenHttpParsers.ParseCommandReply(Bytes("{\"POWER\":")).Error);
        Assert.NotNull(OpenBekenHttpParsers.ParseCommandReply([0xC3, 0x28]).Error);
        Assert.NotNull(OpenBekenHttpParsers.ParseIndexState(new byte[OpenBekenHttpParsers.MaxBodyBytes + 1]).Error);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static T Value<T>(HttpParseResult<T> result)
        where T : class => result.Value ?? throw new Xunit.Sdk.XunitException(result.Error);
}
