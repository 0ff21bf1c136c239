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

    /// <summary>
    /// Messages the broker queues for one slow client before it drops the oldest. The hub's own session receives every
    /// plug's traffic, so a thousand plugs reconnecting at once must not overflow it.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxPendingMessagesPerClient { get; set; } = 500_000;

    /// <summary>
    /// OpenBeken's default group topics (one per chip family, fact sheet §0). Plugs may subscribe to them; the hub never
    /// sends anything secret on a group topic.
    /// </summary>
    public List<string> GroupTopics { get; set; } = ["bl602s", "bekens_n", "bekens_t", "bekens_u", "bekens_8s", "ln882h", "esp", "bekens", "obks"];
}
