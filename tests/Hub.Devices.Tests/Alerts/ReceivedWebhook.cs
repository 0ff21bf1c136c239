using System.Text;
using System.Text.Json;

namespace Hub.Devices.Tests.Alerts;

internal sealed record ReceivedWebhook(byte[] Body, string Signature, string Event)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public override string ToString() => $"{Event}: {Encoding.UTF8.GetString(Body)}";
}
