namespace Hub.Devices.Mqtt;

/// <summary>
/// The topics a plug may use: its own (OpenBeken <c>T/…</c>, Tasmota <c>cmnd|stat|tele/T/…</c>), Home Assistant's
/// status, and Tasmota discovery. Nothing under another plug's topic, so one compromised plug cannot switch others
/// or read the credentials the hub sends them.
/// </summary>
public static class PlugTopicPolicy
{
    private static readonly string[] Prefixes = ["cmnd", "stat", "tele"];

    public static bool MayPublish(string root, string topic) =>
        IsOwn(root, topic) || topic.StartsWith("tasmota/discovery/", StringComparison.Ordinal);

    public static bool MaySubscribe(string root, string filter, IReadOnlyCollection<string>? groups = null) =>
        IsOwn(root, filter) || filter is "homeassistant/status" or "homeassistant/+" || IsGroup(filter, groups ?? []);

    /// <summary>OpenBeken's group subscriptions: <c>cmnd/G/+</c> and <c>G/+/set</c> for a configured group G.</summary>
    private static bool IsGroup(string filter, IReadOnlyCollection<string> groups)
    {
        var parts = filter.Split('/');
        return parts.Length == 3 && ((parts[0] == "cmnd" && groups.Contains(parts[1]) && parts[2] == "+")
                                     || (groups.Contains(parts[0]) && parts[1] == "+" && parts[2] == "set"));
    }

    private static bool IsOwn(string root, string topic)
    {
        var parts = topic.Split('/');
        return (parts.Length >= 2 && parts[0] == root) || parts.Length >= 3 && Prefixes.Contains(parts[0]) && parts[1] == root;
    }
}
