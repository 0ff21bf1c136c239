using System.Text;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Protocols.OpenBeken;

namespace Hub.Devices.Tests.Protocols;

public sealed class OpenBekenParseTests
{
    private readonly OpenBekenProtocol _protocol = TestProtocols.OpenBeken();

    [Theory]
    [InlineData("online", true)]
    [InlineData("offline", false)]
    [InlineData("Online", true)]
    public void TheConnectedTopicReportsAvailability(string payload, bool online)
    {
        var evt = _protocol.Parse("obl4265D187/connected", payload).Single<AvailabilityChanged>();

        Assert.Equal("obl4265D187", evt.Topic);
        Assert.Equal(online, evt.Online);
        Assert.Equal(TestProtocols.At, evt.At);
    }

    [Fact]
    public void ChannelOneIsRelayOneOnPlugsThatStartAtChannelOne()
    {
        var evt = _protocol.Parse("obl4265D187/1/get", "1").Single<RelayReported>();

        Assert.Equal(1, evt.Channel);
        Assert.True(evt.On);
    }

    [Fact]
    public void ChannelZeroIsRelayOneWhenTheTemplateStartsAtZero()
    {
        var protocol = TestProtocols.OpenBeken(new OpenBekenOptions { FirstRelayChannel = 0 });

        var evt = protocol.Parse("obk1/0/get", "0").Single<RelayReported>();

        Assert.Equal(1, evt.Channel);
        Assert.False(evt.On);
    }

    [Fact]
    public void ChannelsBelowTheFirstRelayAndNonBinaryValuesAreNotRelays()
    {
        Assert.Empty(_protocol.Parse("obk1/0/get", "1"));
        Assert.Empty(_protocol.Parse("obk1/2/get", "73"));
    }

    [Fact]
    public void FloatChannelValuesFromFlag33AreRead()
    {
        Assert.True(_protocol.Parse("obk1/1/get", "1.000000").Single<RelayReported>().On);
    }

    [Fact]
    public void TheHubsOwnEmptyGetRequestsAreIgnored()
    {
        var events = _protocol.Parse("obk1/1/get", "");

        Assert.NotNull(events);
        Assert.Empty(events);
    }

    [Theory]
    [InlineData("voltage", "229.6", 229.6, null, null, null)]
    [InlineData("current", "0.260", null, 0.26, null, null)]
    [InlineData("power", "60.00", null, null, 60.0, null)]
    [InlineData("energycounter", "1234.567", null, null, null, 1234.567)]
    public void EnergyValuesBecomeReadings(string name, string payload, double? v, double? a, double? w, double? wh)
    {
        var reading = _protocol.Parse($"obk1/{name}/get", payload).Single<ReadingReported>();

        Assert.Equal(v, reading.VoltageV);
        Assert.Equal(a, reading.CurrentA);
        Assert.Equal(w, reading.PowerW);
        Assert.Equal(wh, reading.EnergyCounterWh);
        Assert.Equal(1, reading.Channel);
    }

    [Fact]
    public void TheEnergyCounterInKwhIsConvertedToWh()
    {
        var protocol = TestProtocols.OpenBeken(new OpenBekenOptions { EnergyCounterInKwh = true });

        var reading = protocol.Parse("obk1/energycounter/get", "1.234").Single<ReadingReported>();

        Assert.Equal(1234, reading.EnergyCounterWh!.Value, 6);
    }

    [Fact]
    public void Channel138IsTheFrequency()
    {
        Assert.Equal(50.02, _protocol.Parse("obk1/138/get", "50.02").Single<ReadingReported>().FrequencyHz);
    }

    [Fact]
    public void DerivedAndDailyValuesAreIgnored()
    {
        Assert.Empty(_protocol.Parse("obk1/energycounter_today/get", "12.000"));
        Assert.Empty(_protocol.Parse("obk1/power_factor/get", "0.98"));
        Assert.Empty(_protocol.Parse("obk1/energycounter_clear_date/get", "2026-11-25T09:00+01:00"));
    }

    [Fact]
    public void SelfInfoBecomesTelemetry()
    {
        Assert.Equal("obl4265D187", _protocol.Parse("obl4265D187/host", "obl4265D187").Single<TelemetryReported>().Name);
        var build = _protocol.Parse("obk1/build", "OpenBL602 1.18.x Jul 24 2026 10:41:55").Single<TelemetryReported>();
        Assert.Equal("OpenBL602 1.18.x Jul 24 2026 10:41:55", build.Build);
        Assert.Equal("BL602", build.Chip);
        Assert.Equal("84:E3:42:65:D1:87", _protocol.Parse("obk1/mac", "84:e3:42:65:d1:87").Single<TelemetryReported>().Mac);
        Assert.Equal("00:00:00:00:00:00", _protocol.Parse("obk1/mac", "000000000000").Single<TelemetryReported>().Mac);
        Assert.Equal(-57, _protocol.Parse("obk1/rssi", "-57").Single<TelemetryReported>().RssiDbm);
        Assert.Equal(3600, _protocol.Parse("obk1/uptime", "3600").Single<TelemetryReported>().UptimeSeconds);
        Assert.Equal(81234, _protocol.Parse("obk1/freeheap", "81234").Single<TelemetryReported>().FreeHeapBytes);
        Assert.Equal("192.168.1.50", _protocol.Parse("obk1/ip", "192.168.1.50").Single<TelemetryReported>().Ip);
    }

    [Fact]
    public void OurFirmwaresBootTopicsReportReasonCountAndLog()
    {
        var boot = _protocol.Parse("obk_000001/rebootreason", "BL_RST_SOFTWARE_WATCHDOG").Single<BootReported>();
        var count = _protocol.Parse("obk_000001/bootcount", "2").Single<TelemetryReported>();
        var log = _protocol.Parse("obk_000001/lastlog", "MQTT: connected\nFault: main loop frozen\n").Single<BootLogReported>();

        Assert.Equal("BL_RST_SOFTWARE_WATCHDOG", boot.RebootReason);
        Assert.True(boot.Abnormal);
        Assert.Equal(2, count.BootCount);
        Assert.Equal(["MQTT: connected", "Fault: main loop frozen"], log.Lines);
    }

    [Theory]
    [InlineData("BL_RST_POWER_OFF", false)]
    [InlineData("BL_RST_SOFTWARE", false)]
    [InlineData("BL_RST_HARDWARE_WATCHDOG", true)]
    [InlineData("BL_RST_FATAL_EXCEPTION", true)]
    public void OnlyWatchdogsAndExceptionsAreAbnormalReboots(string reason, bool abnormal)
    {
        Assert.Equal(abnormal, _protocol.Parse("obk1/rebootreason", reason).Single<BootReported>().Abnormal);
    }

    [Fact]
    public void OtaProgressIsReportedWithItsVersionOrError()
    {
        var writing = _protocol.Parse("obk_000002/ota", """{"state":"writing","progress":40,"version":"1.2.3"}""").Single<OtaProgressReported>();
        var failed = _protocol.Parse("obk_000002/ota", """{"state":"failed","progress":12,"error":"SHA256 NOT Correct"}""").Single<OtaProgressReported>();
        var confirmed = _protocol.Parse("obk_000002/ota", """{"state":"confirmed","progress":100}""").Single<OtaProgressReported>();

        Assert.Equal(("writing", 40, "1.2.3"), (writing.State, writing.Percent, writing.Detail));
        Assert.Equal(("failed", 12, "SHA256 NOT Correct"), (failed.State, failed.Percent, failed.Detail));
        Assert.Equal(("confirmed", 100, (string?)null), (confirmed.State, confirmed.Percent, confirmed.Detail));
    }

    [Fact]
    public void APowerResultReportsTheRelaysAndKeepsTheRawReply()
    {
        var events = _protocol.Parse("stat/obk1/RESULT", """{"POWER1":"ON","POWER2":"OFF"}""");

        Assert.Equal("""{"POWER1":"ON","POWER2":"OFF"}""", Assert.IsType<CommandResultReported>(events[0]).Payload);
        Assert.Equal([(1, true), (2, false)], events.OfType<RelayReported>().Select(r => (r.Channel, r.On)));
    }

    [Fact]
    public void AStateResultAlsoReportsHealth()
    {
        const string state = """{"Time":"2026-11-25T10:00:00","Uptime":"0T01:02:03","UptimeSec":3723,"Heap":81,"SleepMode":"Dynamic","Sleep":10,"LoadAvg":99,"MqttCount":23,"POWER":"ON","Wifi":{"AP":1,"SSId":"home","BSSId":"11:22:33:44:55:66","Channel":6,"Mode":"11n","RSSI":86,"Signal":-57,"LinkCount":21,"Downtime":"0T06:13:34"}}""";

        var events = _protocol.Parse("stat/obk1/RESULT", state);

        Assert.True(events.OfType<RelayReported>().Single().On);
        var health = events.OfType<TelemetryReported>().Single();
        Assert.Equal((3723L, 81L * 1024, -57), (health.UptimeSeconds!.Value, health.FreeHeapBytes!.Value, health.RssiDbm!.Value));
    }

    [Fact]
    public void Flag30SensorMessagesReadTheWhCounterOpenBekenNamesConsumptionTotal()
    {
        const string sensor = """{"Time":"2026-11-25T10:00:00","ENERGY":{"Power": 60.000000,"ApparentPower": 62.000000,"ReactivePower": 15.000000,"Factor":0.970000,"Voltage":229.600000,"Current":0.260000,"Frequency":50.000000,"ConsumptionTotal":1234.567000,"Yesterday": 321.000000,"ConsumptionLastHour":12.000000},"ESP32":{"Temperature": 41.2},"TempUnit":"C"}""";

        var reading = _protocol.Parse("tele/obk1/SENSOR", sensor).Single<ReadingReported>();

        Assert.Equal((229.6, 0.26, 60.0, 50.0), (reading.VoltageV, reading.CurrentA, reading.PowerW, reading.FrequencyHz));
        Assert.Equal(1234.567, reading.EnergyCounterWh!.Value, 6);
    }

    [Fact]
    public void ASensorTimeInUtcIsThePlugsOwnStampAndALocalTimeIsNot()
    {
        const string utc = """{"Time":"2026-11-25T09:58:20Z","ENERGY":{"Power":60.00,"ConsumptionTotal":12.345}}""";
        const string local = """{"Time":"2026-11-25T09:58:20","ENERGY":{"Power":60.00,"ConsumptionTotal":12.345}}""";

        var stamped = _protocol.Parse("tele/obk1/SENSOR", utc).Single<ReadingReported>();
        var arrived = _protocol.Parse("tele/obk1/SENSOR", local).Single<ReadingReported>();

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 58, 20, TimeSpan.Zero), stamped.At);
        Assert.True(stamped.StampedByPlug);
        Assert.Equal(TestProtocols.At, arrived.At);
        Assert.False(arrived.StampedByPlug);
    }

    [Fact]
    public void TopicsOutsideTheDialectAreNotClaimed()
    {
        Assert.Null(_protocol.Parse("tele/obk1/LWT", Encoding.UTF8.GetBytes("Online"), TestProtocols.At));
        Assert.Null(_protocol.Parse("obk1/1/set", Encoding.UTF8.GetBytes("1"), TestProtocols.At));
        Assert.Null(_protocol.Parse("obk1/temp", Encoding.UTF8.GetBytes("40.1"), TestProtocols.At));
    }

    [Fact]
    public void SubscriptionsCoverEveryTopicTheHubReads()
    {
        string[] expected =
        [
            "+/connected", "+/+/get", "stat/+/RESULT", "tele/+/STATE", "tele/+/SENSOR", "+/host", "+/build", "+/mac", "+/ip", "+/rssi", "+/uptime",
            "+/freeheap", "+/rebootreason", "+/bootcount", "+/lastlog", "+/ota",
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), _protocol.SubscriptionFilters.Order(StringComparer.Ordinal));
    }
}
