using System.ComponentModel.DataAnnotations;
using Hub.Devices.Alerts;
using Hub.Devices.Alerts.Channels;

namespace Hub.Api.Alerts;

/// <summary>
/// A channel. Secrets (<see cref="Secret"/>, <see cref="SmtpPassword"/>) are write-only: leave them null on an update to
/// keep the stored ones.
/// </summary>
public sealed record ChannelRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Required] AlertChannelKind? Kind,
    bool Enabled = true,
    AlertSeverity MinSeverity = AlertSeverity.Warning,
    [property: MaxLength(32)] string[]? Tags = null,
    TimeOnly? QuietFrom = null,
    TimeOnly? QuietUntil = null,
    [property: StringLength(64)] string? TimeZone = null,
    [property: Url, StringLength(2000)] string? Url = null,
    [property: StringLength(200)] string? Secret = null,
    [property: StringLength(200)] string? Topic = null,
    [property: StringLength(253)] string? SmtpHost = null,
    [property: Range(1, 65535)] int? SmtpPort = null,
    SmtpSecurity SmtpSecurity = SmtpSecurity.Auto,
    [property: StringLength(200)] string? SmtpUser = null,
    [property: StringLength(200)] string? SmtpPassword = null,
    [property: EmailAddress, StringLength(200)] string? MailFrom = null,
    [property: StringLength(2000)] string? MailTo = null);

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
