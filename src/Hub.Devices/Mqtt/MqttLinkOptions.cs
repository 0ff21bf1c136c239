using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Mqtt;

/// <summary>Tuning of the hub's own MQTT connection.</summary>
public sealed class MqttLinkOptions
{
    public const string Section = "Mqtt:Link";

    /// <summary>Unique per hub instance, so its persistent session (and queued QoS 1 readings) is its own.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ClientId { get; set; } = "hub";

    [Range(1, 3600)]
    public int ReconnectSeconds { get; set; } = 2;

    /// <summary>How long the broker keeps the hub's session (and queued messages) while the hub is away.</summary>
    [Range(0, 31_536_000)]
    public int SessionExpirySeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>Commands waiting while the broker is unreachable; beyond this, senders wait.</summary>
    [Range(1, 1_000_000)]
    public int OutboxCapacity { get; set; } = 10_000;

    /// <summary>How long a QoS 1 reading may wait for its database commit before the broker is left to redeliver it.</summary>
    [Range(1, 3600)]
    public int StoreTimeoutSeconds { get; set; } = 60;
}
