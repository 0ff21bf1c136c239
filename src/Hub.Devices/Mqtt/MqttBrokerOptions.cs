using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Mqtt;

/// <summary>The embedded MQTT broker; turn it off to use an external one (mosquitto, EMQX).</summary>
public sealed class MqttBrokerOptions
{
    public const string Section = "Mqtt:Broker";

    public bool Enabled { get; set; } = true;

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>Plugs on the LAN must reach the broker, so it listens on every interface unless told otherwise.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(@"^[0-9a-fA-F:.]+$", ErrorMessage = "must be an IP address such as 0.0.0.0 or 127.0.0.1")]
    public string BindAddress { get; set; } = "0.0.0.0";
}
