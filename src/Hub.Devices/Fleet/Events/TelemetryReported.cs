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

    /// <summary>
    /// Room for a new firmware image, when the plug says so: Tasmota's <c>StatusMEM.Free</c>, the program flash a new image
    /// can be written to beside the running one. Stored as the plug's OTA partition size.
    /// </summary>
    public long? OtaPartitionBytes { get; init; }

    /// <summary>The plug's own short name (OpenBeken <c>host</c>, Tasmota <c>Hostname</c>).</summary>
    public string? Name { get; init; }

    /// <summary>The hardware template the firmware says it runs, e.g. Tasmota's <c>Sonoff Pow R2</c>.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// How the plug builds its topics when it says so (Tasmota's FullTopic, e.g. <c>%prefix%/%topic%/</c>), so the
    /// fleet can flag a plug whose pattern differs from the configured one.
    /// </summary>
    public string? TopicPattern { get; init; }

    /// <summary>Starts since the flash was erased, when the plug publishes it on its own (our firmware's <c>bootcount</c>).</summary>
    public int? BootCount { get; init; }
}
