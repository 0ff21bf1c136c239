using Quartz;

namespace Hub.Devices.Ota.Rollouts;

/// <summary>
/// A recurring window (Quartz cron for its start, a length, a time zone) outside which a rollout starts no new plug;
/// plugs already in flight finish.
/// </summary>
public static class MaintenanceWindow
{
    public static bool IsValid(string cron, string? timeZone) =>
        CronExpression.TryParse(cron, out _) && (timeZone is null || TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _));

    /// <summary>Open when a window started within the last <paramref name="minutes"/>.</summary>
    public static bool IsOpen(string cron, int minutes, string? timeZone, DateTimeOffset now)
    {
        var zone = timeZone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var expression = new CronExpression(cron, zone);
        return expression.GetNextValidTimeAfter(now - TimeSpan.FromMinutes(minutes)) is { } start && start <= now;
    }
}
