namespace Hub.Devices.Alerts.Channels;

/// <summary>
/// Where alerts go, and which ones: severity and above, plugs with one of the tags (all plugs when none), and outside
/// quiet hours only critical ones get through. Secrets are stored here and never shown or logged.
/// </summary>
public sealed class AlertChannel
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public AlertChannelKind Kind { get; set; }

    public bool Enabled { get; set; } = true;

    public AlertSeverity MinSeverity { get; set; } = AlertSeverity.Warning;

    public List<string> Tags { get; set; } = [];

    /// <summary>Start of the quiet hours, in <see cref="TimeZone"/>; with <see cref="QuietUntil"/> it may wrap midnight.</summary>
    public TimeOnly? QuietFrom { get; set; }

    public TimeOnly? QuietUntil { get; set; }

    /// <summary>IANA time zone of the quiet hours; UTC when empty.</summary>
    public string? TimeZone { get; set; }

    public string? Url { get; set; }

    /// <summary>Webhook HMAC-SHA256 key.</summary>
    public string? Secret { get; set; }

    public string? Topic { get; set; }

    public string? SmtpHost { get; set; }

    public int? SmtpPort { get; set; }

    public SmtpSecurity SmtpSecurity { get; set; }

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    public string? MailFrom { get; set; }

    /// <summary>Recipients, separated by commas.</summary>
    public string? MailTo { get; set; }
}
