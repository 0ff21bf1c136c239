using Hub.Devices.Protocols;

namespace Hub.Devices.Fleet;

/// <summary>A plug the hub knows: found by discovery (pending) or adopted into the fleet.</summary>
public sealed class Plug
{
    public long Id { get; set; }

    /// <summary>The plug's MQTT client topic; unique on one broker.</summary>
    public required string Topic { get; set; }

    public PlugProtocolKind Protocol { get; set; }

    public PlugStatus Status { get; set; }

    public string? Name { get; set; }

    public string? Group { get; set; }

    public List<string> Tags { get; set; } = [];

    public string? Chip { get; set; }

    public string? Mac { get; set; }

    public string? FirmwareBuild { get; set; }

    public string? Ip { get; set; }

    /// <summary>Where the plug's web server answers, when known (discovery or telemetry).</summary>
    public string? HttpEndpoint { get; set; }

    public long? OtaPartitionBytes { get; set; }

    /// <summary>The broker account the hub issued to this plug on adoption.</summary>
    public string? BrokerUsername { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset? AdoptedAt { get; set; }

    public PlugState State { get; set; } = new();
}
