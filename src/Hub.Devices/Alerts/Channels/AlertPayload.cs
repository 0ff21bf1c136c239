using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Devices.Alerts.Channels;

/// <summary>The JSON body of webhook and MQTT notifications.</summary>
internal sealed record AlertPayload(string Notice, DateTimeOffset At, AlertView Alert)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] Serialize(AlertNotification n) =>
        JsonSerializer.SerializeToUtf8Bytes(new AlertPayload(n.Notice.ToString(), n.At, n.Alert), Json);

    public static string Subject(AlertNotification n) => n.Notice switch
    {
        AlertNotice.Resolved => $"[resolved] {n.Alert.Title}",
        AlertNotice.Test => $"[test] {n.Alert.Title}",
        _ => $"[{n.Alert.Severity.ToString().ToLowerInvariant()}] {n.Alert.Title}",
    };
}
