using System.Text.Json;
using Hub.Devices.Protocols;

namespace Hub.Devices.HomeAssistant;

/// <summary>
/// The retained discovery messages for one plug: a switch for relay 1 and sensors for power, energy, voltage and
/// current, pointing at the topics the plug itself publishes (so Home Assistant keeps working without the hub).
/// </summary>
public static class HomeAssistantDiscovery
{
    private static readonly (string Key, string Name, string Unit, string DeviceClass, string StateClass, string ObkTopic, string TasmotaField)[] Sensors =
    [
        ("power", "Power", "W", "power", "measurement", "power/get", "Power"),
        ("energy", "Energy", "Wh", "energy", "total_increasing", "energycounter/get", "Total"),
        ("voltage", "Voltage", "V", "voltage", "measurement", "voltage/get", "Voltage"),
        ("current", "Current", "A", "current", "measurement", "current/get", "Current"),
    ];

    public static IReadOnlyList<OutboundMessage> For(string prefix, string topic, PlugProtocolKind protocol, string name)
    {
        var id = $"hub_{topic}";
        var device = new Dictionary<string, object> { ["identifiers"] = new[] { id }, ["name"] = name, ["via_device"] = "hub" };
        var tasmota = protocol == PlugProtocolKind.Tasmota;
        var availability = tasmota
            ? new Dictionary<string, object> { ["topic"] = $"tele/{topic}/LWT", ["payload_available"] = "Online", ["payload_not_available"] = "Offline" }
            : new Dictionary<string, object> { ["topic"] = $"{topic}/connected", ["payload_available"] = "online", ["payload_not_available"] = "offline" };
        var messages = new List<OutboundMessage>
        {
            Config(prefix, "switch", $"{id}_relay1", new Dictionary<string, object>
            {
                ["name"] = "Relay", ["unique_id"] = $"{id}_relay1", ["device"] = device, ["availability"] = new[] { availability },
                ["state_topic"] = tasmota ? $"stat/{topic}/POWER" : $"{topic}/1/get",
                ["command_topic"] = tasmota ? $"cmnd/{topic}/POWER" : $"{topic}/1/set",
                ["payload_on"] = tasmota ? "ON" : "1", ["payload_off"] = tasmota ? "OFF" : "0",
            }),
        };
        foreach (var sensor in Sensors)
        {
            var config = new Dictionary<string, object>
            {
                ["name"] = sensor.Name, ["unique_id"] = $"{id}_{sensor.Key}", ["device"] = device,
                ["availability"] = new[] { availability }, ["unit_of_measurement"] = tasmota && sensor.Key == "energy" ? "kWh" : sensor.Unit,
                ["device_class"] = sensor.DeviceClass, ["state_class"] = sensor.StateClass,
                ["state_topic"] = tasmota ? $"tele/{topic}/SENSOR" : $"{topic}/{sensor.ObkTopic}",
            };
            if (tasmota)
            {
                config["value_template"] = $"{{{{ value_json.ENERGY.{sensor.TasmotaField} }}}}";
            }

            messages.Add(Config(prefix, "sensor", $"{id}_{sensor.Key}", config));
        }

        return messages;
    }

    /// <summary>Empty retained payloads remove the entities again.</summary>
    public static IReadOnlyList<OutboundMessage> Removal(string prefix, string topic) =>
        [new($"{prefix}/switch/hub_{topic}_relay1/config", "", Retain: true),
         .. Sensors.Select(s => new OutboundMessage($"{prefix}/sensor/hub_{topic}_{s.Key}/config", "", Retain: true))];

    private static OutboundMessage Config(string prefix, string component, string objectId, Dictionary<string, object> config) =>
        new($"{prefix}/{component}/{objectId}/config", JsonSerializer.Serialize(config), Retain: true);
}
