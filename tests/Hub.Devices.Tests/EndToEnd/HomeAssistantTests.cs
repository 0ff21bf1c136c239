using System.Text.Json;
using Hub.Devices.Mqtt;
using Hub.Testing;

namespace Hub.Devices.Tests.EndToEnd;

public sealed class HomeAssistantTests
{
    [Fact]
    public async Task AnAdoptedPlugIsAnnouncedToHomeAssistantWithItsOwnTopicsAndAPendingOneIsNot()
    {
        await using var fleet = await FleetWithPlugs.StartAsync(2,
            new Dictionary<string, string?> { ["HomeAssistant:Enabled"] = "true", ["HomeAssistant:ReconcileSeconds"] = "1" });
        var hub = fleet.Get<HubMqttCredentials>();
        await using var probe = await MqttProbe.ConnectAsync(fleet.Devices.BrokerPort, hub.Username, hub.Password, "homeassistant/#");

        await fleet.PlugIdAsync("obk_000001");
        await fleet.AdoptAsync("obk_000000");

        var relay = await probe.WaitForAsync((topic, _) => topic == "homeassistant/switch/hub_obk_000000_relay1/config", TimeSpan.FromSeconds(30));
        var energy = await probe.WaitForAsync((topic, _) => topic == "homeassistant/sensor/hub_obk_000000_energy/config", TimeSpan.FromSeconds(30));
        using var relayConfig = JsonDocument.Parse(relay.Payload);
        using var energyConfig = JsonDocument.Parse(energy.Payload);
        Assert.Equal("obk_000000/1/get", relayConfig.RootElement.GetProperty("state_topic").GetString());
        Assert.Equal("obk_000000/1/set", relayConfig.RootElement.GetProperty("command_topic").GetString());
        Assert.Equal("total_increasing", energyConfig.RootElement.GetProperty("state_class").GetString());
        Assert.Equal("obk_000000/energycounter/get", energyConfig.RootElement.GetProperty("state_topic").GetString());
        Assert.DoesNotContain(probe.Messages, m => m.Topic.Contains("obk_000001", StringComparison.Ordinal));
    }
}
