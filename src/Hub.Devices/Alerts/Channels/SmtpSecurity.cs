namespace Hub.Devices.Alerts.Channels;

/// <summary>How the e-mail channel secures its SMTP connection (MailKit's SecureSocketOptions, named for owners).</summary>
public enum SmtpSecurity
{
    /// <summary>TLS when the server offers it.</summary>
    Auto,
    None,
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}
