using System.Text;
using System.Text.Unicode;
using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols;

/// <summary>One received message as a parser sees it: where it came from, which plug, when.</summary>
internal readonly record struct Inbound(string MqttTopic, string PlugTopic, DateTimeOffset At)
{
    public IReadOnlyList<PlugEvent> Malformed(string reason) =>
        [new MalformedInput { Topic = PlugTopic, At = At, MqttTopic = MqttTopic, Reason = reason }];

    /// <summary>The size and encoding checks every payload passes before it is parsed; null when it passes.</summary>
    public static string? Refuse(ReadOnlySpan<byte> payload, int maxBytes)
    {
        if (payload.Length > maxBytes)
        {
            return $"payload of {payload.Length} bytes is over the {maxBytes}-byte limit";
        }

        return Utf8.IsValid(payload) ? null : "payload is not valid UTF-8";
    }

    /// <summary>The payload as trimmed text; call only after <see cref="Refuse"/> passed.</summary>
    public static string Text(ReadOnlySpan<byte> payload) => Encoding.UTF8.GetString(payload).Trim();
}
