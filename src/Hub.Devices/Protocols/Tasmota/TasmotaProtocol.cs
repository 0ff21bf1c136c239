using Hub.Devices.Commands;
using Hub.Devices.Fleet.Events;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Protocols.Tasmota;

/// <summary>Tasmota's MQTT dialect, 8.x to today (fact sheet §8), under the configured FullTopic.</summary>
internal sealed class TasmotaProtocol : IPlugProtocol
{
    private static readonly string[] TelemetryNames = ["LWT", "STATE", "SENSOR", "INFO1", "INFO2", "INFO3", "UPTIME"];

    private readonly TasmotaOptions _options;
    private readonly TasmotaTopicPattern _pattern;
    private readonly string[] _discoveryLevels;
    private readonly int _maxPayloadBytes;

    public TasmotaProtocol(IOptions<TasmotaOptions> options, IOptions<PlugProtocolOptions> limits)
    {
        _options = options.Value;
        _pattern = new TasmotaTopicPattern(_options.FullTopic);
        _discoveryLevels = _options.DiscoveryPrefix.Trim('/').Split('/');
        _maxPayloadBytes = limits.Value.MaxPayloadBytes;

        // stat/+/+ and not a list: with SetOption4 every command answers on stat/<T>/<COMMAND> instead of RESULT.
        SubscriptionFilters =
        [
            .. TelemetryNames.Select(name => _pattern.Filter(_options.TelemetryPrefix, name)),
            _pattern.Filter(_options.StatusPrefix, "+"),
            $"{string.Join('/', _discoveryLevels)}/+/config",
        ];
    }

    public PlugProtocolKind Kind => PlugProtocolKind.Tasmota;

    public IReadOnlyList<string> SubscriptionFilters { get; }

    public IReadOnlyList<PlugEvent>? Parse(string mqttTopic, ReadOnlySpan<byte> payload, DateTimeOffset at)
    {
        Inbound inbound;
        string name;
        if (IsDiscovery(mqttTopic))
        {
            // The plug topic is only known once the payload is read; the MAC in the topic stands in until then.
            inbound = new Inbound(mqttTopic, mqttTopic.Split('/')[^2], at);
            name = "discovery";
        }
        else if (_pattern.TryMatch(mqttTopic, out var prefix, out var plugTopic, out name) &&
                 (prefix == _options.TelemetryPrefix || prefix == _options.StatusPrefix))
        {
            inbound = new Inbound(mqttTopic, plugTopic, at);
            name = prefix == _options.TelemetryPrefix ? $"tele/{name}" : $"stat/{name}";
        }
        else
        {
            return null;
        }

        if (inbound.PlugTopic.Length == 0)
        {
            return inbound.Malformed("the plug topic level is empty");
        }

        if (Inbound.Refuse(payload, _maxPayloadBytes) is { } refusal)
        {
            return inbound.Malformed(refusal);
        }

        // Empty payloads clear retained messages (a removed plug's discovery or LWT); nothing to report.
        var text = Inbound.Text(payload);
        if (text.Length == 0)
        {
            return [];
        }

        try
        {
            return TasmotaMessages.Parse(inbound, name, payload, text);
        }
        catch (BadPayloadException bad)
        {
            return inbound.Malformed(bad.Message);
        }
    }

    public IReadOnlyList<OutboundMessage> Encode(string plugTopic, PlugCommand command)
    {
        CommandText.TopicLevel(plugTopic, nameof(plugTopic));
        OutboundMessage Cmnd(string name, string payload) => new(_pattern.Build(_options.CommandPrefix, plugTopic, name), payload);

        return command switch
        {
            SetRelay relay => [Cmnd($"POWER{RelayWords.Number(relay.Channel)}", RelayWords.Of(relay.Action))],
            RestartPlug => [Cmnd("Restart", "1")],

            // Tasmota restarts by itself once an MQTT setting changed, after the backlog has run.
            SetBrokerCredentials credentials => [Cmnd("Backlog", BrokerSettings.Backlog(credentials))],

            // STATE answers at once with relays and health; STATUS 0 adds identity, boot reason and energy.
            RequestState => [Cmnd("STATE", string.Empty), Cmnd("STATUS", "0")],
            ConsoleCommand console => [Cmnd(CommandText.TopicLevel(console.Name, nameof(console.Name)), console.Arguments)],
            _ => throw new ArgumentException($"Tasmota cannot carry {command.GetType().Name}", nameof(command)),
        };
    }

    /// <summary>Tasmota also acknowledges a restart before it goes (<c>{"Restart":"Restarting"}</c>).</summary>
    public bool Confirms(PlugCommand command, PlugEvent evt) =>
        (command is RestartPlug && evt is CommandResultReported result && Confirmations.AnswersTo("Restart", result.Payload)) ||
        Confirmations.Confirms(command, evt);

    private bool IsDiscovery(string mqttTopic)
    {
        var levels = mqttTopic.Split('/');
        return levels.Length == _discoveryLevels.Length + 2 && levels[^1] == "config" &&
            levels.AsSpan(0, _discoveryLevels.Length).SequenceEqual(_discoveryLevels);
    }
}
