using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Mqtt;

/// <summary>How the hub itself connects to the broker its plugs use.</summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    /// <summary>An external broker's host name; empty means the embedded broker on this machine.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "must be 1-64 letters, digits, '_', '.' or '-'")]
    public string Username { get; set; } = "hub";

    /// <summary>The hub's broker password; when empty one is generated once and kept in the data folder.</summary>
    public string? Password { get; set; }

    public bool UseTls { get; set; }

    /// <summary>
    /// Where plug accounts are kept. Unset means <see cref="BrokerAccountStore.Embedded"/> with the embedded broker and
    /// <see cref="BrokerAccountStore.MosquittoDynamicSecurity"/> without it.
    /// </summary>
    public BrokerAccountStore? AccountStore { get; set; }

    public BrokerAccountStore ResolveAccountStore(MqttBrokerOptions broker) =>
        AccountStore ?? (broker.Enabled ? BrokerAccountStore.Embedded : BrokerAccountStore.MosquittoDynamicSecurity);
}
