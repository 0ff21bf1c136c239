using System.Text;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Protocols;
using Hub.Devices.Protocols.Tasmota;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Tests.Protocols;

public sealed class PlugProtocolsTests
{
    private readonly PlugProtocols _registry = TestProtocols.Registry();

    [Theory]
    [InlineData("obk1/connected", "online", PlugProtocolKind.OpenBeken)]
    [InlineData("obk1/1/get", "1", PlugProtocolKind.OpenBeken)]
    [InlineData("obk1/voltage/get", "230.1", PlugProtocolKind.OpenBeken)]
    [InlineData("tele/pow/LWT", "Online", PlugProtocolKind.Tasmota)]
    [InlineData("stat/pow/POWER", "ON", PlugProtocolKind.Tasmota)]
    [InlineData("tasmota/discovery/A4CF121A2B3C/config", """{"t":"pow","mac":"A4CF121A2B3C"}""", PlugProtocolKind.Tasmota)]
    public void EachTopicGoesToTheDialectThatUsesIt(string topic, string payload, PlugProtocolKind kind)
    {
        var message = Parse(topic, payload);

        Assert.Equal(kind, message.Protocol);
        Assert.DoesNotContain(message.Events, e => e is MalformedInput);
    }

    [Fact]
    public void AResultBothDialectsSendIsParsedButNamesNoProtocol()
    {
        var message = Parse("stat/plug/RESULT", """{"POWER":"OFF"}""");

        Assert.Null(message.Protocol);
        Assert.False(message.Events.OfType<RelayReported>().Single().On);
    }

    [Fact]
    public void TelemetryOpenBekenSendsWithFlag30NamesNoProtocolEither()
    {
        var state = Parse("tele/obk1/STATE", """{"UptimeSec":30,"POWER":"ON"}""");
        var sensor = Parse("tele/pow/SENSOR", """{"ENERGY":{"Total":1.5}}""");

        Assert.Equal((null, null), (state.Protocol, sensor.Protocol));
        Assert.Equal(1500, sensor.Events.OfType<ReadingReported>().Single().EnergyCounterWh!.Value, 6);
    }

    [Fact]
    public void AnUnknownTopicIsMalformedInputForTheLikelyPlug()
    {
        var evt = Assert.IsType<MalformedInput>(Assert.Single(Parse("tele/pow/UNKNOWN", "x").Events));

        Assert.Equal(("pow", "tele/pow/UNKNOWN"), (evt.Topic, evt.MqttTopic));
    }

    [Fact]
    public void SubscriptionsAreDeduplicatedIncludingFiltersAnotherCovers()
    {
        var filters = _registry.SubscriptionFilters;

        Assert.Equal(filters.Count, filters.Distinct().Count());
        Assert.Contains("stat/+/+", filters);
        Assert.DoesNotContain("stat/+/RESULT", filters);
        Assert.Contains("+/connected", filters);
        Assert.Contains("tele/+/LWT", filters);
    }

    [Fact]
    public void WithTheTasmotaPrefixSecondOpenBekensResultFilterStays()
    {
        var registry = TestProtocols.Registry(new TasmotaOptions { FullTopic = "%topic%/%prefix%/" });

        Assert.Contains("stat/+/RESULT", registry.SubscriptionFilters);
        Assert.Contains("+/stat/+", registry.SubscriptionFilters);
        Assert.Equal(PlugProtocolKind.OpenBeken, Parse(registry, "stat/obk1/RESULT", """{"POWER":"ON"}""").Protocol);
    }

    [Fact]
    public void ForReturnsEachRegisteredProtocol()
    {
        Assert.Equal(PlugProtocolKind.OpenBeken, _registry.For(PlugProtocolKind.OpenBeken).Kind);
        Assert.Equal(PlugProtocolKind.Tasmota, _registry.For(PlugProtocolKind.Tasmota).Kind);
    }

    [Fact]
    public void TheRegistrationBindsOptionsAndBuildsTheRegistry()
    {
        using var host = Build(new() { ["Protocols:Tasmota:FullTopic"] = "%topic%/%prefix%/", ["Protocols:MaxPayloadBytes"] = "1024" });

        var registry = host.Services.GetRequiredService<PlugProtocols>();

        Assert.Equal("pow/cmnd/Restart", Assert.Single(registry.For(PlugProtocolKind.Tasmota).Encode("pow", new Commands.RestartPlug())).Topic);
        Assert.IsType<MalformedInput>(Assert.Single(registry.Parse("obk1/ip", new byte[2048], TestProtocols.At).Events));
    }

    [Fact]
    public void AnUnusableFullTopicFailsValidationNamingTheKey()
    {
        using var host = Build(new() { ["Protocols:Tasmota:FullTopic"] = "%prefix%/%hostname%/" });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<TasmotaOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("Protocols:Tasmota:FullTopic:", StringComparison.Ordinal));
    }

    private PlugMessage Parse(string topic, string payload) => Parse(_registry, topic, payload);

    private static PlugMessage Parse(PlugProtocols registry, string topic, string payload) =>
        registry.Parse(topic, Encoding.UTF8.GetBytes(payload), TestProtocols.At);

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPlugProtocols();
        return builder.Build();
    }
}
