namespace Hub.Devices.Mqtt;

public enum BrokerClientKind
{
    Hub,
    Plug,
    Bootstrap,
}
