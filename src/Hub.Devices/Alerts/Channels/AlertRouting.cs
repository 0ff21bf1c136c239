namespace Hub.Devices.Alerts.Channels;

/// <summary>Whether a channel takes a notification: severity, the plug's tags, and quiet hours (only critical then).</summary>
internal static class AlertRouting
{
    public static bool Accepts(AlertChannel channel, AlertNotification n, IReadOnlyCollection<string> plugTags, DateTimeOffset now)
    {
        if (!channel.Enabled || n.Alert.Severity < channel.MinSeverity)
        {
            return false;
        }

        if (channel.Tags.Count > 0 && !channel.Tags.Any(t => plugTags.Contains(t, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        return n.Alert.Severity == AlertSeverity.Critical || !InQuietHours(channel, now);
    }

    public static bool InQuietHours(AlertChannel channel, DateTimeOffset now)
    {
        if (channel.QuietFrom is not { } from || channel.QuietUntil is not { } until || from == until)
        {
            return false;
        }

        var zone = ResolveZone(channel.TimeZone);
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        // 22:00–07:00 wraps midnight; 01:00–05:00 does not.
        return from < until ? local >= from && local < until : local >= from || local < until;
    }

    private static TimeZoneInfo ResolveZone(string? id) =>
        !string.IsNullOrEmpty(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
