using System.Globalization;
using System.Text.Json;
using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols;

/// <summary>
/// The <c>POWER</c>/<c>POWERn</c> fields both firmware families put in RESULT and STATE JSON. n is the relay number
/// from 1, which is also ours; a bare <c>POWER</c> is the only relay.
/// </summary>
internal static class PowerFields
{
    public static void AddRelays(JsonElement obj, Inbound inbound, List<PlugEvent> events)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (RelayNumber(property.Name) is not { } channel)
            {
                continue;
            }

            var state = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : property.Value.GetRawText();
            events.Add(new RelayReported { Topic = inbound.PlugTopic, At = inbound.At, Channel = channel, On = IsOn(state) });
        }
    }

    /// <summary>1 for <c>POWER</c>, n for <c>POWERn</c>, null for every other key (PowerOnState, PowerDelta, ...).</summary>
    public static int? RelayNumber(string key)
    {
        if (!key.StartsWith("POWER", StringComparison.Ordinal))
        {
            return null;
        }

        if (key.Length == 5)
        {
            return 1;
        }

        return int.TryParse(key.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64
            ? n
            : null;
    }

    /// <summary>Tasmota's and OpenBeken's state words; numbers come from plugs set to report 0/1.</summary>
    public static bool IsOn(string state) => state.Trim().ToUpperInvariant() switch
    {
        "ON" or "1" => true,
        "OFF" or "0" => false,
        _ => throw new BadPayloadException($"relay state '{ValueRanges.Clip(state)}' is neither ON nor OFF"),
    };
}
