namespace Hub.Devices.Mqtt;

/// <summary>Where the broker looks up plug logins: the hub's database (embedded broker) or mosquitto's dynamic security.</summary>
public enum BrokerAccountStore
{
    Embedded,
    MosquittoDynamicSecurity,
}
