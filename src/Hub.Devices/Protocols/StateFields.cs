using System.Globalization;
using System.Text.Json;

namespace Hub.Devices.Protocols;

/// <summary>
/// Health fields of the Tasmota STATE object, which OpenBeken imitates in its RESULT for <c>STATE</c>:
/// UptimeSec (or the older Uptime text), Heap in KiB and Wifi Signal in dBm (or RSSI as a percentage).
/// </summary>
internal static class StateFields
{
    public static long? UptimeSeconds(JsonElement obj)
    {
        if (JsonPayload.Integer(obj, "UptimeSec") is { } seconds)
        {
            return ValueRanges.Uptime(seconds);
        }

        return JsonPayload.String(obj, "Uptime") is { } text ? ValueRanges.Uptime(ParseUptime(text)) : null;
    }

    public static long? FreeHeapBytes(JsonElement obj) =>
        JsonPayload.Number(obj, "Heap") is { } kib ? ValueRanges.Heap((long)(kib * 1024)) : null;

    public static int? RssiDbm(JsonElement obj)
    {
        if (JsonPayload.Object(obj, "Wifi") is not { } wifi)
        {
            return null;
        }

        if (JsonPayload.Integer(wifi, "Signal") is { } dbm)
        {
            return ValueRanges.Rssi(dbm);
        }

        // Before Signal existed only the quality was sent; Tasmota derives it as 2 * (dBm + 100), clamped to 0..100.
        return JsonPayload.Integer(wifi, "RSSI") is { } quality
            ? ValueRanges.Rssi((Math.Clamp(quality, 0, 100) / 2) - 100)
            : null;
    }

    /// <summary>Tasmota's uptime text: <c>1T02:03:04</c> (days T hh:mm:ss), or <c>02:03:04</c> without days.</summary>
    public static long ParseUptime(string text)
    {
        var days = 0L;
        var clock = text;
        var t = text.IndexOf('T', StringComparison.Ordinal);
        if (t >= 0)
        {
            days = ValueRanges.ParseInteger(text[..t], "uptime days");
            clock = text[(t + 1)..];
        }

        if (!TimeSpan.TryParseExact(clock, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var time) || days < 0)
        {
            throw new BadPayloadException($"uptime '{ValueRanges.Clip(text)}' is not d'T'hh:mm:ss");
        }

        return (days * 86400) + (long)time.TotalSeconds;
    }
}
