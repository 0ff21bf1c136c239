using Hub.Devices.Commands;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Protocols;
using Hub.Devices.Protocols.OpenBeken;

namespace Hub.Devices.Tests.Protocols;

public sealed class OpenBekenEncodeTests
{
    private readonly OpenBekenProtocol _protocol = TestProtocols.OpenBeken();

    [Theory]
    [InlineData(1, RelayAction.On, "cmnd/obk1/POWER1", "ON")]
    [InlineData(2, RelayAction.Off, "cmnd/obk1/POWER2", "OFF")]
    [InlineData(1, RelayAction.Toggle, "cmnd/obk1/POWER1", "TOGGLE")]
    public void RelaysAreSwitchedWithPowerSoTheyAnswerOnResult(int channel, RelayAction action, string topic, string payload)
    {
        Assert.Equal([new OutboundMessage(topic, payload)], _protocol.Encode("obk1", new SetRelay(channel, action)));
    }

    [Fact]
    public void ARestartIsTheRestartCommand()
    {
        Assert.Equal([new OutboundMessage("cmnd/obk1/restart", "")], _protocol.Encode("obk1", new RestartPlug()));
    }

    [Fact]
    public void NewBrokerCredentialsAreSavedAndThePlugRestartsToUseThem()
    {
        var messages = _protocol.Encode("obk1", new SetBrokerCredentials("plug-obk1", "s3cr3t-Pass", "10.0.0.2"));

        Assert.Equal(
            [new OutboundMessage("cmnd/obk1/backlog", "MqttUser plug-obk1; MqttPassword s3cr3t-Pass; MqttHost 10.0.0.2; restart")],
            messages);
    }

    [Fact]
    public void CredentialsWithoutAHostKeepTheBroker()
    {
        var message = Assert.Single(_protocol.Encode("obk1", new SetBrokerCredentials("u", "p")));

        Assert.Equal("MqttUser u; MqttPassword p; restart", message.Payload);
    }

    [Theory]
    [InlineData("pass word")]
    [InlineData("pass;restart")]
    [InlineData("\"quoted\"")]
    [InlineData("")]
    public void CredentialsThatWouldBreakTheCommandLineAreRefused(string password)
    {
        Assert.Throws<ArgumentException>(() => _protocol.Encode("obk1", new SetBrokerCredentials("u", password)));
    }

    [Fact]
    public void AStateRequestAsksForStateAndAFullRepublish()
    {
        Assert.Equal(
            [new OutboundMessage("cmnd/obk1/STATE", ""), new OutboundMessage("cmnd/obk1/publishAll", "")],
            _protocol.Encode("obk1", new RequestState()));
    }

    [Fact]
    public void ConsoleCommandsGoToTheirOwnTopic()
    {
        Assert.Equal(
            [new OutboundMessage("cmnd/obk1/SetStartValue", "1 -1")],
            _protocol.Encode("obk1", new ConsoleCommand("SetStartValue", "1 -1")));
    }

    [Theory]
    [InlineData("obk/1")]
    [InlineData("+")]
    [InlineData("")]
    public void PlugTopicsThatAreNotOneLevelAreRefused(string topic)
    {
        Assert.Throws<ArgumentException>(() => _protocol.Encode(topic, new RestartPlug()));
    }

    [Fact]
    public void RelayChannelsStartAtOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _protocol.Encode("obk1", new SetRelay(0, RelayAction.On)));
    }

    [Fact]
    public void ARelayIsConfirmedByTheSameChannelInTheWantedState()
    {
        var on = new SetRelay(2, RelayAction.On);

        Assert.True(_protocol.Confirms(on, Relay(2, true)));
        Assert.False(_protocol.Confirms(on, Relay(2, false)));
        Assert.False(_protocol.Confirms(on, Relay(1, true)));
        Assert.True(_protocol.Confirms(new SetRelay(2, RelayAction.Toggle), Relay(2, false)));
    }

    [Fact]
    public void ARestartIsConfirmedByTheReconnectOrTheBootReport()
    {
        Assert.True(_protocol.Confirms(new RestartPlug(), new AvailabilityChanged { Topic = "obk1", At = TestProtocols.At, Online = false }));
        Assert.True(_protocol.Confirms(new RestartPlug(), new BootReported { Topic = "obk1", At = TestProtocols.At, RebootReason = "BL_RST_SOFTWARE" }));
        Assert.False(_protocol.Confirms(new RestartPlug(), Relay(1, true)));
    }

    [Fact]
    public void NewCredentialsAreConfirmedWhenThePlugComesBackOnline()
    {
        var command = new SetBrokerCredentials("u", "p");

        Assert.True(_protocol.Confirms(command, new AvailabilityChanged { Topic = "obk1", At = TestProtocols.At, Online = true }));
        Assert.False(_protocol.Confirms(command, new AvailabilityChanged { Topic = "obk1", At = TestProtocols.At, Online = false }));
    }

    [Fact]
    public void AConsoleCommandIsConfirmedByAReplyNamingIt()
    {
        var command = new ConsoleCommand("POWER", "");

        Assert.True(_protocol.Confirms(command, Result("""{"POWER1":"ON"}""")));
        Assert.False(_protocol.Confirms(command, Result("""{"Dimmer":50}""")));
        Assert.False(_protocol.Confirms(command, Result("not json")));
    }

    [Fact]
    public void AStateRequestIsConfirmedByAnyStateReport()
    {
        Assert.True(_protocol.Confirms(new RequestState(), Relay(1, false)));
        Assert.True(_protocol.Confirms(new RequestState(), new TelemetryReported { Topic = "obk1", At = TestProtocols.At, UptimeSeconds = 5 }));
    }

    private static RelayReported Relay(int channel, bool on) => new() { Topic = "obk1", At = TestProtocols.At, Channel = channel, On = on };

    private static CommandResultReported Result(string payload) => new() { Topic = "obk1", At = TestProtocols.At, Payload = payload };
}
