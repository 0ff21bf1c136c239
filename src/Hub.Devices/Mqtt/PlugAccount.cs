namespace Hub.Devices.Mqtt;

/// <summary>A plug's own broker login. The password is only known while the account is issued; it is never stored in clear.</summary>
public sealed record PlugAccount(string Username, string TopicRoot, string? Password = null)
{
    // The generated record ToString would print the password into any log line that mentions an account.
    public override string ToString() => $"{Username} ({TopicRoot})";
}
