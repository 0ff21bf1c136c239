namespace Hub.Devices.Fleet.Events;

/// <summary>Health values a plug publishes periodically; each message may carry only some of them.</summary>
public sealed record TelemetryReported : PlugEvent
{
    public long? UptimeSeconds { get; init; }

    public long? FreeHeapBytes { get; init; }

    public int? RssiDbm { get; init; }

    public string? Build { get; init; }

    public string? Ip { get; init; }

    public string? Mac { get; init; }

    public string? Chip { get; init; }
}
