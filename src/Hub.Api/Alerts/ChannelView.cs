using Hub.Devices.Alerts;
using Hub.Devices.Alerts.Channels;

namespace Hub.Api.Alerts;

/// <summary>A channel as the API shows it: whether secrets are set, never the secrets.</summary>
public sealed record ChannelView(
    long Id, string Name, AlertChannelKind Kind, bool Enabled, AlertSeverity MinSeverity, IReadOnlyList<string> Tags,
    TimeOnly? QuietFrom, TimeOnly? QuietUntil, string? TimeZone, string? Url, bool HasSecret, string? Topic,
    string? SmtpHost, int? SmtpPort, SmtpSecurity SmtpSecurity, string? SmtpUser, bool HasSmtpPassword, string? MailFrom,
    string? MailTo)
{
    public static ChannelView From(AlertChannel c) => new(c.Id, c.Name, c.Kind, c.Enabled, c.MinSeverity, c.Tags, c.QuietFrom,
        c.QuietUntil, c.TimeZone, c.Url, !string.IsNullOrEmpty(c.Secret), c.Topic, c.SmtpHost, c.SmtpPort, c.SmtpSecurity,
        c.SmtpUser, !string.IsNullOrEmpty(c.SmtpPassword), c.MailFrom, c.MailTo);
}
