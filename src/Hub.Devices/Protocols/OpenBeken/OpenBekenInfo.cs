using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols.OpenBeken;

/// <summary>
/// <c>GET /api/info</c>. OpenBeken fills the first fields; the boot and OTA fields come only from our firmware
/// (OpenBeken has no reboot reason or boot count here, fact sheet §2.3).
/// </summary>
internal sealed record OpenBekenInfo
{
    public required string Mac { get; init; }

    public string? Chip { get; init; }

    /// <summary>As sent, e.g. <c>Built on Jul 24 2026 10:41:55 version 1.18.x</c>.</summary>
    public string? Build { get; init; }

    /// <summary>Our firmware's <c>version</c>, else the text after "version" in <see cref="Build"/>.</summary>
    public string? Version { get; init; }

    public string? ShortName { get; init; }

    public string? MqttTopic { get; init; }

    public string? MqttHost { get; init; }

    public int? MqttPort { get; init; }

    public string? Ip { get; init; }

    public long? UptimeSeconds { get; init; }

    /// <summary>The low 32 flag bits; bit 40 (energy in kWh) is not among them.</summary>
    public long? Flags { get; init; }

    public bool? SupportsSsdp { get; init; }

    public string? RebootReason { get; init; }

    public int? BootCount { get; init; }

    /// <summary>Bytes an OTA image may have, so the hub refuses an image before uploading it.</summary>
    public long? OtaPartitionSize { get; init; }

    public int? ActiveSlot { get; init; }

    public TelemetryReported ToTelemetry(string plugTopic, DateTimeOffset at) => new()
    {
        Topic = plugTopic, At = at, Mac = Mac, Chip = Chip, Build = Version ?? Build, Ip = Ip, Name = ShortName,
        UptimeSeconds = UptimeSeconds, BootCount = BootCount,
    };
}
