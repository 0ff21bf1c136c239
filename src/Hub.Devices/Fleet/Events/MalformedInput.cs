namespace Hub.Devices.Fleet.Events;

/// <summary>A message that did not parse. Counted and logged (rate-limited), never thrown, never stored as state.</summary>
public sealed record MalformedInput : PlugEvent
{
    public required string MqttTopic { get; init; }

    public required string Reason { get; init; }
}
