namespace Hub.Devices.Fleet;

/// <summary>What the plug last reported about itself. Owned by <see cref="Plug"/> and stored in its row.</summary>
public sealed class PlugState
{
    public bool Online { get; set; }

    /// <summary>
    /// When the plug last published a well-formed MQTT message. HTTP answers and the hub's own conclusions do not
    /// count: the watchdog's MQTT liveness probe and the offline rule rest on this.
    /// </summary>
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>Relay states by channel (1-based), e.g. {"1": true}.</summary>
    public Dictionary<int, bool> Relays { get; set; } = [];

    public long? UptimeSeconds { get; set; }

    public long? FreeHeapBytes { get; set; }

    public int? RssiDbm { get; set; }

    public string? LastRebootReason { get; set; }

    public int? BootCount { get; set; }

    public double? PowerW { get; set; }

    public double? VoltageV { get; set; }

    public double? CurrentA { get; set; }

    public double? EnergyCounterWh { get; set; }

    public long MalformedMessages { get; set; }
}
