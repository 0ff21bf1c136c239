using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols.OpenBeken;

/// <summary>
/// Our firmware's <c>&lt;T&gt;/ota</c>: <c>{"state":"writing","progress":40}</c>, with <c>version</c> while it goes well
/// and <c>error</c> when it failed. States: erasing, writing, done, failed, and confirmed after the first good boot.
/// </summary>
internal static class OtaProgress
{
    public static IReadOnlyList<PlugEvent> Parse(Inbound inbound, ReadOnlySpan<byte> payload)
    {
        using var document = JsonPayload.Parse(payload);
        var root = JsonPayload.RootObject(document);
        var state = JsonPayload.String(root, "state");
        if (string.IsNullOrWhiteSpace(state) || state.Length > 32)
        {
            throw new BadPayloadException("OTA progress has no state");
        }

        var percent = JsonPayload.Integer(root, "progress") ?? JsonPayload.Integer(root, "percent");
        if (percent is < 0 or > 100)
        {
            throw new BadPayloadException($"OTA progress {percent} is outside 0..100");
        }

        return
        [
            new OtaProgressReported
            {
                Topic = inbound.PlugTopic,
                At = inbound.At,
                State = state,
                Percent = (int?)percent,
                Detail = JsonPayload.String(root, "error") ?? JsonPayload.String(root, "version"),
            },
        ];
    }
}
