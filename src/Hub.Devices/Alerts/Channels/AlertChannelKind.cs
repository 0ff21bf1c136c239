namespace Hub.Devices.Alerts.Channels;

public enum AlertChannelKind
{
    Webhook,
    Mqtt,
    Email,
}
