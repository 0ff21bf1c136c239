namespace Hub.Devices.Alerts.Channels;

/// <summary>Delivers a notification over one kind of channel; throws when it could not.</summary>
public interface IAlertSender
{
    AlertChannelKind Kind { get; }

    Task SendAsync(AlertChannel channel, AlertNotification notification, CancellationToken ct);
}
