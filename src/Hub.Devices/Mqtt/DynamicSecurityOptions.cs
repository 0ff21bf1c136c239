using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Mqtt;

/// <summary>How the hub drives mosquitto's dynamic-security plugin (used when <c>Mqtt:AccountStore</c> is MosquittoDynamicSecurity).</summary>
public sealed class DynamicSecurityOptions
{
    public const string Section = "Mqtt:DynamicSecurity";

    /// <summary>How long the plugin may take to answer one batch of commands.</summary>
    [Range(1, 600)]
    public int ReplyTimeoutSeconds { get; set; } = 10;

    /// <summary>Role holding the hub's right to publish plug commands; the hub adds it to its own (admin) client.</summary>
    [Required(AllowEmptyStrings = false)]
    public string HubRole { get; set; } = "hub";

    /// <summary>Role of the shared bootstrap client: the topic shapes a new plug uses.</summary>
    [Required(AllowEmptyStrings = false)]
    public string BootstrapRole { get; set; } = "hub-bootstrap";

    /// <summary>Deny rules, above <see cref="BootstrapRole"/>, that keep bootstrap clients off adopted plugs' topics.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ReservedTopicsRole { get; set; } = "hub-adopted-topics";
}
