using Hub.Devices.Commands;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Protocols;
using Hub.Devices.Protocols.Tasmota;

namespace Hub.Devices.Tests.Protocols;

public sealed class TasmotaEncodeTests
{
    private readonly TasmotaProtocol _protocol = TestProtocols.Tasmota();

    [Theory]
    [InlineData(1, RelayAction.On, "cmnd/pow/POWER1", "ON")]
    [InlineData(2, RelayAction.Off, "cmnd/pow/POWER2", "OFF")]
    [InlineData(3, RelayAction.Toggle, "cmnd/pow/POWER3", "TOGGLE")]
    public void RelaysAreSwitchedWithPowerN(int channel, RelayAction action, string topic, string payload)
    {
        Assert.Equal([new OutboundMessage(topic, payload)], _protocol.Encode("pow", new SetRelay(channel, action)));
    }

    [Fact]
    public void EveryOtherCommandHasItsTasmotaForm()
    {
        Assert.Equal([new OutboundMessage("cmnd/pow/Restart", "1")], _protocol.Encode("pow", new RestartPlug()));
        Assert.Equal(
            [new OutboundMessage("cmnd/pow/Backlog", "MqttUser plug-pow; MqttPassword Xy12; MqttHost hub.local")],
            _protocol.Encode("pow", new SetBrokerCredentials("plug-pow", "Xy12", "hub.local")));
        Assert.Equal(
            [new OutboundMessage("cmnd/pow/STATE", ""), new OutboundMessage("cmnd/pow/STATUS", "0")],
            _protocol.Encode("pow", new RequestState()));
        Assert.Equal([new OutboundMessage("cmnd/pow/TelePeriod", "60")], _protocol.Encode("pow", new ConsoleCommand("TelePeriod", "60")));
    }

    [Fact]
    public void ACustomFullTopicWithThePrefixSecondIsUsedBothWays()
    {
        var protocol = TestProtocols.Tasmota(new TasmotaOptions { FullTopic = "%topic%/%prefix%/" });

        Assert.Equal([new OutboundMessage("pow/cmnd/POWER1", "ON")], protocol.Encode("pow", new SetRelay(1, RelayAction.On)));
        Assert.True(protocol.Parse("pow/tele/LWT", "Online").Single<AvailabilityChanged>().Online);
        Assert.Equal("pow", protocol.Parse("pow/stat/POWER", "OFF").Single<RelayReported>().Topic);
        Assert.Contains("+/tele/LWT", protocol.SubscriptionFilters);
        Assert.Contains("+/stat/+", protocol.SubscriptionFilters);
        Assert.Null(protocol.Parse("tele/pow/LWT", "Online"u8, TestProtocols.At));
    }

    [Fact]
    public void FixedLevelsInTheFullTopicMustMatch()
    {
        var protocol = TestProtocols.Tasmota(new TasmotaOptions { FullTopic = "home/%prefix%/%topic%/" });

        Assert.Equal("home/cmnd/pow/Restart", Assert.Single(protocol.Encode("pow", new RestartPlug())).Topic);
        Assert.Equal(60, protocol.Parse("home/tele/pow/SENSOR", """{"ENERGY":{"Power":60}}""").Single<ReadingReported>().PowerW);
        Assert.Null(protocol.Parse("away/tele/pow/SENSOR", """{"ENERGY":{"Power":60}}"""u8, TestProtocols.At));
    }

    [Fact]
    public void CustomPrefixesAreHonoured()
    {
        var protocol = TestProtocols.Tasmota(new TasmotaOptions { CommandPrefix = "c", StatusPrefix = "s", TelemetryPrefix = "t" });

        Assert.Equal("c/pow/POWER1", Assert.Single(protocol.Encode("pow", new SetRelay(1, RelayAction.On))).Topic);
        Assert.False(protocol.Parse("t/pow/LWT", "Offline").Single<AvailabilityChanged>().Online);
    }

    [Theory]
    [InlineData("%prefix%/%hostname%/")]
    [InlineData("%topic%/")]
    [InlineData("%prefix%/%topic%/%topic%/")]
    [InlineData("%prefix%//%topic%/")]
    [InlineData("tasmota/%prefix%-%topic%/")]
    public void FullTopicsTheHubCannotAddressAreRefused(string fullTopic)
    {
        Assert.NotNull(TasmotaTopicPattern.Check(fullTopic));
    }

    [Fact]
    public void ARestartIsConfirmedByItsAcknowledgement()
    {
        Assert.True(_protocol.Confirms(new RestartPlug(), new CommandResultReported { Topic = "pow", At = TestProtocols.At, Payload = """{"Restart":"Restarting"}""" }));
        Assert.False(_protocol.Confirms(new RestartPlug(), new CommandResultReported { Topic = "pow", At = TestProtocols.At, Payload = """{"POWER":"ON"}""" }));
    }

    [Fact]
    public void AStatusCommandIsConfirmedByItsStatusReply()
    {
        Assert.True(_protocol.Confirms(new ConsoleCommand("Status", "8"), new CommandResultReported { Topic = "pow", At = TestProtocols.At, Payload = """{"StatusSNS":{}}""" }));
    }
}
