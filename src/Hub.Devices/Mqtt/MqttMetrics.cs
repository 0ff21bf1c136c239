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
    }

    public Counter<long> MessagesIn { get; }

    public Counter<long> MessagesOut { get; }

    public Counter<long> RefusedConnections { get; }

    public void Dispose() => _meter.Dispose();
}
