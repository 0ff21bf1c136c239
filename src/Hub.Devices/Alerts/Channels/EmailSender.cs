using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Hub.Devices.Alerts.Channels;

/// <summary>Sends the alert as a plain-text e-mail over SMTP, with the TLS mode and account the channel names.</summary>
internal sealed class EmailSender(IOptions<AlertChannelOptions> options) : IAlertSender
{
    public AlertChannelKind Kind => AlertChannelKind.Email;

    public async Task SendAsync(AlertChannel channel, AlertNotification notification, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(channel.SmtpHost) || string.IsNullOrEmpty(channel.MailFrom) || string.IsNullOrEmpty(channel.MailTo))
        {
            throw new InvalidOperationException("The e-mail channel needs an SMTP host, a sender and recipients");
        }

        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(channel.MailFrom));
        foreach (var to in channel.MailTo.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = AlertPayload.Subject(notification);
        message.Body = new TextPart("plain") { Text = Body(notification) };
        using var client = new SmtpClient { Timeout = options.Value.SmtpTimeoutSeconds * 1000 };
        await client.ConnectAsync(channel.SmtpHost, channel.SmtpPort ?? 25, Security(channel.SmtpSecurity), ct);
        if (!string.IsNullOrEmpty(channel.SmtpUser))
        {
            await client.AuthenticateAsync(channel.SmtpUser, channel.SmtpPassword ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private static string Body(AlertNotification n)
    {
        var a = n.Alert;
        return string.Create(CultureInfo.InvariantCulture, $"""
            {a.Title}

            {a.Cause}

            Severity: {a.Severity}
            State: {n.Notice} ({a.State}), raised {a.RaisedAt:u}, seen {a.Occurrences} time(s)
            Plug: {a.PlugId?.ToString(CultureInfo.InvariantCulture) ?? "-"}
            Alert: {a.Id} ({a.Rule})
            """);
    }
}
