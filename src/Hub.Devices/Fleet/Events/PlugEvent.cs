namespace Hub.Devices.Fleet.Events;

/// <summary>
/// Something a plug said, or that happened to it, normalised from whichever protocol it speaks. Protocol adapters
/// fill <see cref="Topic"/>; the fleet resolves <see cref="PlugId"/> (0 while the plug is not in the fleet).
/// </summary>
public abstract record PlugEvent
{
    /// <summary>The plug's MQTT client topic, e.g. <c>obk_1A2B3C</c> or <c>tasmota_1A2B3C</c>.</summary>
    public required string Topic { get; init; }

    public long PlugId { get; init; }

    public required DateTimeOffset At { get; init; }

    public PlugEventSource Source { get; init; } = PlugEventSource.Mqtt;

    /// <summary>
    /// Set for messages the plug sent with QoS 1: whoever stores the event durably completes it after its commit,
    /// and only then is the message acknowledged to the broker (so a crash gets it redelivered).
    /// </summary>
    public DeliveryReceipt? Receipt { get; init; }
}
