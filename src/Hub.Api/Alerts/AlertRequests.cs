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
