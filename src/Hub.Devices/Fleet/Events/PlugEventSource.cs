namespace Hub.Devices.Fleet.Events;

/// <summary>Where an event came from; only the plug's own MQTT messages prove that its MQTT side is alive.</summary>
public enum PlugEventSource
{
    /// <summary>A message the plug published.</summary>
    Mqtt,

    /// <summary>An answer to an HTTP request of the hub's (identification, boot info).</summary>
    Http,

    /// <summary>The hub's own conclusion, e.g. a plug marked offline because it did not return after a broker outage.</summary>
    Hub,
}
