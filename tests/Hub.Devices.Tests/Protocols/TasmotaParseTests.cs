using Hub.Devices.Fleet.Events;
using Hub.Devices.Protocols.Tasmota;

namespace Hub.Devices.Tests.Protocols;

public sealed class TasmotaParseTests
{
    private readonly TasmotaProtocol _protocol = TestProtocols.Tasmota();

    [Theory]
    [InlineData("Online", true)]
    [InlineData("Offline", false)]
    public void TheLastWillReportsAvailability(string payload, bool online)
    {
        var evt = _protocol.Parse("tele/pow_1A2B3C/LWT", payload).Single<AvailabilityChanged>();

        Assert.Equal(("pow_1A2B3C", online), (evt.Topic, evt.Online));
    }

    [Theory]
    [InlineData("stat/pow/POWER", "ON", 1, true)]
    [InlineData("stat/pow/POWER2", "OFF", 2, false)]
    public void PowerTopicsReportRelays(string topic, string payload, int channel, bool on)
    {
        var relay = _protocol.Parse(topic, payload).Single<RelayReported>();

        Assert.Equal((channel, on), (relay.Channel, relay.On));
    }

    [Fact]
    public void AResultReportsRelaysAndTheRawReply()
    {
        var events = _protocol.Parse("stat/pow/RESULT", """{"POWER":"ON"}""");

        Assert.Equal("""{"POWER":"ON"}""", Assert.IsType<CommandResultReported>(events[0]).Payload);
        Assert.True(events.OfType<RelayReported>().Single().On);
    }

    [Fact]
    public void RepliesSentToTheirCommandsTopicAreCommandResults()
    {
        Assert.Equal("""{"TelePeriod":60}""", _protocol.Parse("stat/pow/TELEPERIOD", """{"TelePeriod":60}""").Single<CommandResultReported>().Payload);
    }

    [Fact]
    public void AVersion8StateReportsRelaysUptimeHeapAndSignal()
    {
        const string state = """{"Time":"2020-10-01T12:00:00","Uptime":"0T01:02:03","UptimeSec":3723,"Heap":27,"SleepMode":"Dynamic","Sleep":50,"LoadAvg":19,"MqttCount":1,"POWER":"ON","Wifi":{"AP":1,"SSId":"home","BSSId":"11:22:33:44:55:66","Channel":6,"RSSI":62,"Signal":-69,"LinkCount":1,"Downtime":"0T00:00:06"}}""";

        var events = _protocol.Parse("tele/pow/STATE", state);

        Assert.True(events.OfType<RelayReported>().Single().On);
        var health = events.OfType<TelemetryReported>().Single();
        Assert.Equal((3723L, 27L * 1024, -69), (health.UptimeSeconds!.Value, health.FreeHeapBytes!.Value, health.RssiDbm!.Value));
    }

    [Fact]
    public void AnOlderStateWithoutUptimeSecOrSignalIsReadFromItsText()
    {
        const string state = """{"Time":"2019-06-01T12:00:00","Uptime":"1T02:03:04","Vcc":3.176,"SleepMode":"Dynamic","Sleep":50,"LoadAvg":19,"POWER1":"ON","POWER2":"OFF","Wifi":{"AP":1,"SSId":"home","BSSId":"11:22:33:44:55:66","Channel":6,"RSSI":62,"LinkCount":1,"Downtime":"0T00:00:06"}}""";

        var events = _protocol.Parse("tele/sonoff/STATE", state);

        Assert.Equal([(1, true), (2, false)], events.OfType<RelayReported>().Select(r => (r.Channel, r.On)));
        var health = events.OfType<TelemetryReported>().Single();
        Assert.Equal(86400 + 7384, health.UptimeSeconds);
        Assert.Equal(-69, health.RssiDbm);
        Assert.Null(health.FreeHeapBytes);
    }

    [Fact]
    public void AVersion8SensorReportsOneReadingWithTheTotalInWh()
    {
        const string sensor = """{"Time":"2020-03-01T10:00:00","ENERGY":{"Total":6.294,"Yesterday":5.340,"Today":0.954,"Period":217,"Power":2635,"ApparentPower":2650,"ReactivePower":282,"Factor":0.99,"Voltage":227,"Current":11.661}}""";

        var reading = _protocol.Parse("tele/pow/SENSOR", sensor).Single<ReadingReported>();

        Assert.Equal((1, 227.0, 11.661, 2635.0), (reading.Channel, reading.VoltageV, reading.CurrentA, reading.PowerW));
        Assert.Equal(6294, reading.EnergyCounterWh!.Value, 6);
    }

    [Fact]
    public void TheFactSheetsSensorExampleWithTotalStartTimeIsRead()
    {
        const string sensor = """{"Time":"2018-02-15T17:37:10","ENERGY":{"TotalStartTime":"2018-11-14T18:39:40","Total":6.294,"Yesterday":5.340,"Today":0.954,"Period":217,"Power":2635,"ApparentPower":2650,"ReactivePower":282,"Factor":0.99,"Voltage":227,"Current":11.661}}""";

        Assert.Equal(6294, _protocol.Parse("tele/pow/SENSOR", sensor).Single<ReadingReported>().EnergyCounterWh!.Value, 6);
    }

    [Fact]
    public void ATwoChannelMeterReportsEachChannelAndItsSummedTotalOnChannelZero()
    {
        const string sensor = """{"Time":"2023-05-01T12:00:00","Switch1":"OFF","ANALOG":{"Temperature":45.2},"ENERGY":{"TotalStartTime":"2022-01-01T00:00:00","Total":3.456,"Yesterday":0.123,"Today":0.045,"Period":[0,0],"Power":[12,34],"ApparentPower":[15,40],"ReactivePower":[9,21],"Factor":[0.80,0.85],"Voltage":231,"Current":[0.065,0.173],"Frequency":50},"TempUnit":"C"}""";

        var readings = _protocol.Parse("tele/shelly25/SENSOR", sensor).Cast<ReadingReported>().ToList();

        Assert.Equal([1, 2, 0], readings.Select(r => r.Channel));
        Assert.Equal((231.0, 0.065, 12.0, 50.0), (readings[0].VoltageV, readings[0].CurrentA, readings[0].PowerW, readings[0].FrequencyHz));
        Assert.Equal((231.0, 0.173, 34.0), (readings[1].VoltageV, readings[1].CurrentA, readings[1].PowerW));
        Assert.Null(readings[0].EnergyCounterWh);
        Assert.Equal(3456, readings[2].EnergyCounterWh!.Value, 6);
    }

    [Fact]
    public void PerChannelTotalsFromSetOption129GoToTheirChannels()
    {
        const string sensor = """{"Time":"2024-01-01T00:00:00","ENERGY":{"TotalStartTime":"2022-01-01T00:00:00","Total":[1.234,2.222],"Yesterday":[0.1,0.2],"Today":[0.01,0.02],"Power":[12,34],"Voltage":[230,231],"Current":[0.05,0.15]}}""";

        var readings = _protocol.Parse("tele/shelly25/SENSOR", sensor).Cast<ReadingReported>().ToList();

        Assert.Equal([1, 2], readings.Select(r => r.Channel));
        Assert.Equal([1234.0, 2222.0], readings.Select(r => Math.Round(r.EnergyCounterWh!.Value, 6)));
        Assert.Equal([230.0, 231.0], readings.Select(r => r.VoltageV!.Value));
    }

    [Fact]
    public void ASensorWithoutEnergyHasNothingToReport()
    {
        Assert.Empty(_protocol.Parse("tele/th16/SENSOR", """{"Time":"2024-01-01T00:00:00","DS18B20":{"Temperature":21.5},"TempUnit":"C"}"""));
    }

    [Fact]
    public void InfoMessagesOfVersion8AndOfVersion9OnAreBothRead()
    {
        var old = _protocol.Parse("tele/pow/INFO1", """{"Module":"Sonoff Pow R2","Version":"8.5.1(tasmota)","FallbackTopic":"cmnd/DVES_1A2B3C_fb/","GroupTopic":"cmnd/tasmotas/"}""").Single<TelemetryReported>();
        var wrapped = _protocol.Parse("tele/pow/INFO1", """{"Info1":{"Module":"Sonoff Pow R2","Version":"13.2.0(tasmota)","FallbackTopic":"cmnd/DVES_1A2B3C_fb/","GroupTopic":"cmnd/tasmotas/"}}""").Single<TelemetryReported>();
        var network = _protocol.Parse("tele/pow/INFO2", """{"Info2":{"WebServerMode":"Admin","Hostname":"pow-1A2B3C-1234","IPAddress":"192.168.1.23"}}""").Single<TelemetryReported>();

        Assert.Equal(("8.5.1(tasmota)", "Sonoff Pow R2"), (old.Build, old.Model));
        Assert.Equal("13.2.0(tasmota)", wrapped.Build);
        Assert.Equal(("pow-1A2B3C-1234", "192.168.1.23"), (network.Name, network.Ip));
    }

    [Theory]
    [InlineData("""{"Info3":{"RestartReason":"Software Watchdog","BootCount":17}}""", "Software Watchdog", true, 17)]
    [InlineData("""{"Info3":{"RestartReason":"Hardware Watchdog"}}""", "Hardware Watchdog", true, null)]
    [InlineData("""{"RestartReason":"Power On"}""", "Power On", false, null)]
    [InlineData("""{"Info3":{"RestartReason":"Software/System restart","BootCount":23}}""", "Software/System restart", false, 23)]
    public void Info3ReportsTheRestartReason(string payload, string reason, bool abnormal, int? bootCount)
    {
        var boot = _protocol.Parse("tele/pow/INFO3", payload).Single<BootReported>();

        Assert.Equal((reason, abnormal, bootCount), (boot.RebootReason, boot.Abnormal, boot.BootCount));
    }

    [Fact]
    public void ACrashDumpInPlaceOfTheReasonIsAnAbnormalExceptionWithTheDumpKept()
    {
        const string info = """{"Info3":{"RestartReason":{"Exception":28,"Reason":"Exception","EPC":["4000df64","00000000","00000000"],"EXCVADDR":"00000000","DEPC":"00000000"},"BootCount":5}}""";

        var boot = _protocol.Parse("tele/pow/INFO3", info).Single<BootReported>();

        Assert.Equal(("Exception", true, 5), (boot.RebootReason, boot.Abnormal, boot.BootCount));
        Assert.Contains("\"Exception\":28", Assert.Single(boot.LastLogLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Status0ReportsIdentityBootStateAndEnergyAtOnce()
    {
        const string status = """{"Status":{"Module":43,"DeviceName":"Pow","FriendlyName":["Pow"],"Topic":"pow","ButtonTopic":"0","Power":1,"PowerOnState":3,"LedState":1,"LedMask":"FFFF","SaveData":1,"SaveState":1,"SwitchTopic":"0","SwitchMode":[0,0,0,0,0,0,0,0],"ButtonRetain":0,"SwitchRetain":0,"SensorRetain":0,"PowerRetain":0,"InfoRetain":0,"StateRetain":0},"StatusPRM":{"Baudrate":4800,"SerialConfig":"8E1","GroupTopic":"tasmotas","OtaUrl":"http://ota.tasmota.com/tasmota/release/tasmota.bin.gz","RestartReason":"Software/System restart","Uptime":"0T00:05:02","StartupUTC":"2024-01-01T10:00:00","Sleep":50,"CfgHolder":4617,"BootCount":31,"BCResetTime":"2021-01-01T00:00:00","SaveCount":120,"SaveAddress":"F5000"},"StatusFWR":{"Version":"13.2.0(tasmota)","BuildDateTime":"2023-10-14T10:11:12","Boot":31,"Core":"2_7_4_9","SDK":"2.2.2-dev(38a443e)","CpuFrequency":80,"Hardware":"ESP8266EX","CR":"390/699"},"StatusMEM":{"ProgramSize":620,"Free":380,"Heap":25,"ProgramFlashSize":1024,"FlashSize":1024,"FlashChipId":"14405E","FlashFrequency":40,"FlashMode":"DOUT"},"StatusNET":{"Hostname":"pow-1A2B3C-1234","IPAddress":"192.168.1.23","Gateway":"192.168.1.1","Subnetmask":"255.255.255.0","DNSServer1":"192.168.1.1","DNSServer2":"0.0.0.0","Mac":"A4:CF:12:1A:2B:3C","Webserver":2,"HTTP_API":1,"WifiConfig":4,"WifiPower":17.0},"StatusSNS":{"Time":"2024-01-01T10:05:02","ENERGY":{"TotalStartTime":"2021-01-01T00:00:00","Total":12.5,"Yesterday":0.5,"Today":0.1,"Power":60,"ApparentPower":62,"ReactivePower":10,"Factor":0.97,"Voltage":230,"Current":0.27}},"StatusSTS":{"Time":"2024-01-01T10:05:02","Uptime":"0T00:05:02","UptimeSec":302,"Heap":25,"SleepMode":"Dynamic","Sleep":50,"LoadAvg":19,"MqttCount":1,"POWER":"ON","Wifi":{"AP":1,"SSId":"home","BSSId":"11:22:33:44:55:66","Channel":6,"Mode":"11n","RSSI":70,"Signal":-65,"LinkCount":1,"Downtime":"0T00:00:04"}}}""";

        var events = _protocol.Parse("stat/pow/STATUS0", status);

        Assert.IsType<CommandResultReported>(events[0]);
        var boot = events.OfType<BootReported>().Single();
        Assert.Equal(("Software/System restart", false, 31), (boot.RebootReason, boot.Abnormal, boot.BootCount));
        var identity = events.OfType<TelemetryReported>().Single();
        Assert.Equal(("13.2.0(tasmota)", "ESP8266EX", "pow-1A2B3C-1234", "192.168.1.23", "A4:CF:12:1A:2B:3C"),
            (identity.Build, identity.Chip, identity.Name, identity.Ip, identity.Mac));
        Assert.Equal((302L, 25L * 1024, -65), (identity.UptimeSeconds!.Value, identity.FreeHeapBytes!.Value, identity.RssiDbm!.Value));
        Assert.True(events.OfType<RelayReported>().Single().On);
        Assert.Equal(12500, events.OfType<ReadingReported>().Single().EnergyCounterWh!.Value, 6);
    }

    [Fact]
    public void OlderSeparateStatusRepliesAreReadOneByOne()
    {
        var prm = _protocol.Parse("stat/pow/STATUS1", """{"StatusPRM":{"Baudrate":115200,"GroupTopic":"sonoffs","OtaUrl":"http://x/y.bin","RestartReason":"Software Watchdog","Uptime":"0T00:01:23","StartupUTC":"2020-01-01T10:00:00","Sleep":50,"CfgHolder":4617,"BootCount":12,"SaveCount":30,"SaveAddress":"F4000"}}""");
        var net = _protocol.Parse("stat/pow/STATUS5", """{"StatusNET":{"Hostname":"pow-1234","IPAddress":"192.168.1.24","Gateway":"192.168.1.1","Subnetmask":"255.255.255.0","DNSServer":"192.168.1.1","Mac":"A4:CF:12:1A:2B:3D","Webserver":2,"WifiConfig":4}}""");

        Assert.True(prm.OfType<BootReported>().Single().Abnormal);
        Assert.Equal(83, prm.OfType<TelemetryReported>().Single().UptimeSeconds);
        Assert.Equal("A4:CF:12:1A:2B:3D", net.OfType<TelemetryReported>().Single().Mac);
    }

    [Fact]
    public void Status4ReportsTheFreeProgramSpaceInBytesButOpenBekensImitationDoesNot()
    {
        var tasmota = _protocol.Parse("stat/pow/STATUS4", """{"StatusMEM":{"ProgramSize":620,"Free":380,"Heap":25,"ProgramFlashSize":1024,"FlashSize":4096,"FlashChipId":"1640EF","FlashMode":3}}""");
        var openBeken = _protocol.Parse("stat/obk1/STATUS0", """{"StatusFWR":{"Version":"OpenBL602_1.18.x","SDK":"obk","Hardware":"BL602"},"StatusMEM":{"Free":380}}""");

        Assert.Equal(380L * 1024, tasmota.OfType<TelemetryReported>().Single().OtaPartitionBytes);
        Assert.Null(openBeken.OfType<TelemetryReported>().Single().OtaPartitionBytes);
    }

    [Fact]
    public void OpenBekensFakeStatusBootInfoIsIgnored()
    {
        const string status = """{"StatusPRM":{"RestartReason":"HardwareWatchdog","BootCount":22},"StatusFWR":{"Version":"OpenBL602_1.18.x","SDK":"obk","Hardware":"BL602"}}""";

        Assert.Empty(_protocol.Parse("stat/obk1/STATUS", status).OfType<BootReported>());
    }

    [Fact]
    public void DiscoveryIdentifiesThePlugAndItsTopicPattern()
    {
        const string config = """{"ip":"192.168.1.50","dn":"Tasmota","fn":["Tasmota",null,null,null,null,null,null,null],"hn":"tasmota-1A2B3C-1234","mac":"A4CF121A2B3C","md":"Sonoff Pow R2","ty":0,"if":0,"ofln":"Offline","onln":"Online","state":["OFF","ON","TOGGLE","HOLD"],"sw":"12.1.1","t":"tasmota_1A2B3C","ft":"%prefix%/%topic%/","tp":["cmnd","stat","tele"],"rl":[1,0,0,0,0,0,0,0],"swc":[-1,-1,-1,-1,-1,-1,-1,-1],"swn":[null,null,null,null,null,null,null,null],"btn":[0,0,0,0,0,0,0,0],"so":{"4":0,"11":0,"13":0,"17":0,"20":0,"30":0,"68":0,"73":0,"82":0,"114":0,"117":0},"lk":0,"lt_st":0,"sho":[0,0,0,0],"ver":1}""";

        var identity = _protocol.Parse("tasmota/discovery/A4CF121A2B3C/config", config).Single<TelemetryReported>();

        Assert.Equal(("tasmota_1A2B3C", "A4:CF:12:1A:2B:3C", "12.1.1", "%prefix%/%topic%/"), (identity.Topic, identity.Mac, identity.Build, identity.TopicPattern));
        Assert.Equal(("tasmota-1A2B3C-1234", "Sonoff Pow R2", "192.168.1.50"), (identity.Name, identity.Model, identity.Ip));
    }

    [Fact]
    public void ARemovedDiscoveryEntryHasNothingToReport()
    {
        Assert.Empty(_protocol.Parse("tasmota/discovery/A4CF121A2B3C/config", ""));
    }

    [Fact]
    public void OpenBekenTopicsAreNotClaimed()
    {
        Assert.Null(_protocol.Parse("obk1/connected", "online"u8, TestProtocols.At));
        Assert.Null(_protocol.Parse("obk1/voltage/get", "230"u8, TestProtocols.At));
        Assert.Null(_protocol.Parse("cmnd/pow/POWER", "ON"u8, TestProtocols.At));
    }
}
