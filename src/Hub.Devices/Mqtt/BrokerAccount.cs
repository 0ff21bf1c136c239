namespace Hub.Devices.Mqtt;

/// <summary>A broker login the hub issued, for example to one adopted plug.</summary>
public sealed class BrokerAccount
{
    public long Id { get; set; }

    public required string Username { get; set; }

    /// <summary>
    /// SHA-256 of the password, hex. The hub generates these passwords with 160 bits of entropy, so a slow hash would
    /// add nothing but CPU on every reconnect of a thousand plugs.
    /// </summary>
    public required string SecretHash { get; set; }

    /// <summary>The plug topic this account may use, or null for a hub-internal account.</summary>
    public string? TopicRoot { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
