using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols;

/// <summary>
/// Every protocol the hub speaks, for the MQTT link: one list of subscriptions, one Parse that sends each topic to the
/// dialect that uses it, and the protocol to encode commands for a plug.
/// </summary>
public sealed class PlugProtocols
{
    private static readonly string[] TasmotaStylePrefixes = ["cmnd", "stat", "tele"];

    private readonly IPlugProtocol[] _protocols;
    private readonly (IPlugProtocol Protocol, string[][] Filters)[] _routes;

    /// <summary>Protocols in preference order: the first one that parses a topic both use wins.</summary>
    public PlugProtocols(IEnumerable<IPlugProtocol> protocols)
    {
        _protocols = [.. protocols];
        _routes = [.. _protocols.Select(p => (p, p.SubscriptionFilters.Select(f => f.Split('/')).ToArray()))];

        // A broker may deliver a message once per matching subscription, so filters another one covers are dropped.
        var all = _protocols.SelectMany(p => p.SubscriptionFilters).Distinct(StringComparer.Ordinal).ToList();
        SubscriptionFilters = [.. all.Where(f => !all.Any(other => other != f && TopicFilter.Covers(other, f)))];
    }

    public IReadOnlyList<string> SubscriptionFilters { get; }

    public IPlugProtocol For(PlugProtocolKind kind) =>
        _protocols.FirstOrDefault(p => p.Kind == kind) ??
        throw new InvalidOperationException($"No {kind} protocol is registered");

    /// <summary>The events in a message; never throws, and never returns nothing for a topic nobody knows.</summary>
    public PlugMessage Parse(string mqttTopic, ReadOnlySpan<byte> payload, DateTimeOffset at)
    {
        var levels = mqttTopic.Split('/');
        var users = _routes.Where(r => r.Filters.Any(f => TopicFilter.Matches(f, levels))).Select(r => r.Protocol).ToList();
        foreach (var protocol in users)
        {
            if (protocol.Parse(mqttTopic, payload, at) is { } events)
            {
                return new PlugMessage(users.Count == 1 ? protocol.Kind : null, events);
            }
        }

        // Only reachable through a subscription made elsewhere or a filter a protocol then declines; the plug topic is
        // a best guess from the two usual layouts (<T>/... and prefix/<T>/...).
        var plug = levels.Length > 1 && TasmotaStylePrefixes.Contains(levels[0]) ? levels[1] : levels[0];
        return new PlugMessage(null,
        [
            new MalformedInput { Topic = plug, At = at, MqttTopic = mqttTopic, Reason = "no protocol knows this topic" },
        ]);
    }
}
