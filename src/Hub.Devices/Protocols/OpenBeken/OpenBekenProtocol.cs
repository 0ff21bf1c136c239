using Hub.Devices.Commands;
using Hub.Devices.Fleet.Events;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Protocols.OpenBeken;

/// <summary>
/// OpenBeken's MQTT dialect (fact sheet §1) plus the extra topics of our own firmware (<c>rebootreason</c>,
/// <c>bootcount</c>, <c>lastlog</c>, <c>ota</c>), which OpenBeken itself never publishes.
/// </summary>
internal sealed class OpenBekenProtocol(IOptions<OpenBekenOptions> options, IOptions<PlugProtocolOptions> limits)
    : IPlugProtocol
{
    private readonly OpenBekenValues _values = new(options.Value);
    private readonly int _maxPayloadBytes = limits.Value.MaxPayloadBytes;

    public PlugProtocolKind Kind => PlugProtocolKind.OpenBeken;

    // `+/+/get` covers relay channels and the energy values (voltage/get, ...). Self info has no /get suffix.
    // `stat/+/RESULT` is OpenBeken's answer to POWER and STATE, sent whatever flag 30 says; with flag 30 it also sends
    // Tasmota's tele STATE and SENSOR. Claiming those makes the registry treat them as shared, so an OpenBeken plug is
    // never taken for a Tasmota one because of them.
    public IReadOnlyList<string> SubscriptionFilters { get; } =
    [
        "+/connected", "+/+/get", "stat/+/RESULT", "tele/+/STATE", "tele/+/SENSOR",
        .. OpenBekenValues.SelfItems.Select(item => $"+/{item}"),
    ];

    public IReadOnlyList<PlugEvent>? Parse(string mqttTopic, ReadOnlySpan<byte> payload, DateTimeOffset at)
    {
        var levels = mqttTopic.Split('/');
        var (plugTopic, kind) = levels switch
        {
            [var t, "connected"] => (t, Route.Connected),
            [var t, var item] when OpenBekenValues.SelfItems.Contains(item) => (t, Route.SelfItem),
            ["stat", var t, "RESULT"] => (t, Route.Result),
            ["tele", var t, "STATE"] => (t, Route.State),
            ["tele", var t, "SENSOR"] => (t, Route.Sensor),
            [var t, _, "get"] => (t, Route.Value),
            _ => (string.Empty, Route.None),
        };
        if (kind == Route.None)
        {
            return null;
        }

        var inbound = new Inbound(mqttTopic, plugTopic, at);
        if (plugTopic.Length == 0)
        {
            return inbound.Malformed("the plug topic level is empty");
        }

        if (Inbound.Refuse(payload, _maxPayloadBytes) is { } refusal)
        {
            return inbound.Malformed(refusal);
        }

        // Empty payloads are our own `<T>/<ch>/get` requests coming back, or a retained message being cleared.
        var text = Inbound.Text(payload);
        if (text.Length == 0)
        {
            return [];
        }

        try
        {
            return kind switch
            {
                Route.Connected => AvailabilityText.Parse(inbound, text),
                Route.SelfItem => OpenBekenValues.SelfItem(inbound, levels[1], payload, text),
                Route.Result => SharedMessages.Result(inbound, payload, text),
                Route.State => SharedMessages.State(inbound, payload),
                Route.Sensor => SharedMessages.Sensor(inbound, payload),
                _ => _values.Value(inbound, levels[1], text),
            };
        }
        catch (BadPayloadException bad)
        {
            return inbound.Malformed(bad.Message);
        }
    }

    /// <summary>
    /// Relays go through <c>cmnd/&lt;T&gt;/POWERn</c>, not <c>&lt;T&gt;/&lt;ch&gt;/set</c>: OpenBeken answers POWER with
    /// <c>stat/&lt;T&gt;/RESULT</c> every time, while a <c>set</c> only republishes the channel when it changed, so
    /// switching on a relay that is already on would never be confirmed.
    /// </summary>
    public IReadOnlyList<OutboundMessage> Encode(string plugTopic, PlugCommand command)
    {
        var cmnd = $"cmnd/{CommandText.TopicLevel(plugTopic, nameof(plugTopic))}/";
        return command switch
        {
            SetRelay relay => [new($"{cmnd}POWER{RelayWords.Number(relay.Channel)}", RelayWords.Of(relay.Action))],
            RestartPlug => [new($"{cmnd}restart", string.Empty)],

            // MqttUser/MqttPassword/MqttHost given as commands are only saved, never used until the next connect
            // (only the web form reconnects). `restart` saves the config first and reboots into the new account.
            SetBrokerCredentials credentials => [new($"{cmnd}backlog", $"{BrokerSettings.Backlog(credentials)}; restart")],

            // STATE answers at once with every relay and the health fields; publishAll then republishes the self
            // info (build, MAC, IP) and channels at one item per second.
            RequestState => [new($"{cmnd}STATE", string.Empty), new($"{cmnd}publishAll", string.Empty)],
            ConsoleCommand console => [new($"{cmnd}{CommandText.TopicLevel(console.Name, nameof(console.Name))}", console.Arguments)],
            _ => throw new ArgumentException($"OpenBeken cannot carry {command.GetType().Name}", nameof(command)),
        };
    }

    public bool Confirms(PlugCommand command, PlugEvent evt) => Confirmations.Confirms(command, evt);

    private enum Route
    {
        None,
        Connected,
        SelfItem,
        Result,
        State,
        Sensor,
        Value,
    }
}
