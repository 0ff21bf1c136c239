using System.Text;
using Hub.Devices.Mqtt;
using Hub.Devices.Protocols;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Alerts.Channels;

/// <summary>Publishes the alert JSON on the hub's alert topic, for home automation to pick up.</summary>
internal sealed class MqttAlertSender(MqttLink link, IOptions<AlertChannelOptions> options) : IAlertSender
{
    public AlertChannelKind Kind => AlertChannelKind.Mqtt;

    public async Task SendAsync(AlertChannel channel, AlertNotification notification, CancellationToken ct)
    {
        var topic = string.IsNullOrWhiteSpace(channel.Topic) ? options.Value.DefaultMqttTopic : channel.Topic;
        await link.EnqueueAsync(new OutboundMessage(topic, Encoding.UTF8.GetString(AlertPayload.Serialize(notification))), ct);
    }
}
