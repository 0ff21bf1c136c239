using System.Diagnostics.Metrics;

namespace Hub.Devices.Mqtt;

/// <summary>MQTT traffic counters, exported at <c>/metrics</c>.</summary>
public sealed class MqttMetrics : IDisposable
{
    public const string MeterName = "Hub.Mqtt";

    private readonly Meter _meter;

    public MqttMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        MessagesIn = _meter.CreateCounter<long>("hub_mqtt_messages_in", description: "MQTT messages published to the broker");
        MessagesOut = _meter.CreateCounter<long>("hub_mqtt_messages_out", description: "MQTT messages delivered to subscribers");
        RefusedConnections = _meter.CreateCounter<long>("hub_mqtt_refused_connections", description: "Broker connections refused");
        RefusedPublishes = _meter.CreateCounter<long>("hub_mqtt_refused_publishes", description: "Publishes refused by the broker's topic rules");
        UnacknowledgedReadings = _meter.CreateCounter<long>("hub_mqtt_unacknowledged_readings", description: "QoS 1 readings left for redelivery");
        MalformedMessages = _meter.CreateCounter<long>("hub_mqtt_malformed_messages", description: "Messages from plugs that did not parse");
    }

    public Counter<long> MessagesIn { get; }

    public Counter<long> MessagesOut { get; }

    public Counter<long> RefusedConnections { get; }

    public Counter<long> RefusedPublishes { get; }

    public Counter<long> UnacknowledgedReadings { get; }

    public Counter<long> MalformedMessages { get; }

    public void Dispose() => _meter.Dispose();
}
