namespace Hub.Devices.Mqtt;

/// <summary>
/// The broker's store of plug logins. The embedded broker reads them from the hub's database; an external mosquitto
/// keeps its own, which the hub writes through the dynamic-security plugin.
/// </summary>
public interface IBrokerAccounts
{
    /// <summary>Creates, or replaces, the login a plug will use, limited to the plug's own topics.</summary>
    Task IssuePlugAccountAsync(PlugAccount account, CancellationToken ct);

    /// <summary>
    /// Called once the plug has been sent its credentials: from then on only its own account may use its topics, so a
    /// client on the shared bootstrap account can neither impersonate it nor read its commands.
    /// </summary>
    Task ReserveTopicsAsync(string topicRoot, CancellationToken ct);

    /// <summary>Removes the plug's login; its topics are open to a new adoption again.</summary>
    Task RevokePlugAccountAsync(PlugAccount account, CancellationToken ct);
}
