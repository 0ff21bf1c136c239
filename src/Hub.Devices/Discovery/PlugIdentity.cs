using Hub.Devices.Protocols;

namespace Hub.Devices.Discovery;

/// <summary>
/// Who a plug says it is over HTTP: OpenBeken's <c>/api/info</c> (plus <c>/index?state=1</c> for the reboot reason)
/// or Tasmota's <c>Status 0</c>.
/// </summary>
public sealed record PlugIdentity
{
    public required PlugProtocolKind Protocol { get; init; }

    /// <summary>Where its web server answered, e.g. <c>http://192.168.1.40</c> or <c>http://127.0.0.1:41234</c>.</summary>
    public required string HttpEndpoint { get; init; }

    /// <summary>Its MQTT client topic, when the plug says; without one it cannot be registered.</summary>
    public string? Topic { get; init; }

    /// <summary>Normalised like every MAC in the hub: <c>84:E3:42:65:D1:87</c>.</summary>
    public required string Mac { get; init; }

    public string? Chip { get; init; }

    /// <summary>The version when the plug names one (our firmware, Tasmota), else its whole build text.</summary>
    public string? FirmwareBuild { get; init; }

    public string? ShortName { get; init; }

    public string? Ip { get; init; }

    public long? UptimeSeconds { get; init; }

    /// <summary>The largest OTA image it accepts, when known.</summary>
    public long? OtaPartitionBytes { get; init; }

    /// <summary>The real reason from the index page (OpenBeken) or <c>StatusPRM</c> (Tasmota), when it was read.</summary>
    public string? RebootReason { get; init; }

    public int? BootCount { get; init; }
}
