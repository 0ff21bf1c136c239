using System.Globalization;
using System.Text.Json;

namespace Hub.Devices.Protocols;

/// <summary>
/// The <c>Time</c> of a Tasmota-shaped message, when it says which zone it is in. Tasmota and OpenBeken write the plug's
/// local time without an offset, which the hub cannot place (it does not know the plug's zone), so those readings keep
/// their arrival time; our firmware writes UTC with a <c>Z</c>.
/// </summary>
internal static class PlugStamp
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:sszzz"];

    // A clock that was never set starts in 1970; such a stamp says nothing about when the plug measured.
    private static readonly DateTimeOffset Earliest = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset? Utc(JsonElement root) =>
        root.TryGetProperty("Time", out var time) && time.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParseExact(time.GetString(), Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
        && at >= Earliest
            ? at
            : null;
}
