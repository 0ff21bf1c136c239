namespace Hub.Devices.Mqtt;

/// <summary>Who a broker session belongs to, and so which topics it may use.</summary>
public sealed record BrokerClientRole(BrokerClientKind Kind, string? TopicRoot)
{
    public static readonly BrokerClientRole Hub = new(BrokerClientKind.Hub, null);
}
