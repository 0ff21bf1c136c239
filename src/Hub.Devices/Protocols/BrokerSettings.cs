using Hub.Devices.Commands;

namespace Hub.Devices.Protocols;

/// <summary>The broker-account commands both firmwares share, as one backlog line.</summary>
internal static class BrokerSettings
{
    public static string Backlog(SetBrokerCredentials credentials)
    {
        var line = $"MqttUser {CommandText.Argument(credentials.User, "User")}; " +
            $"MqttPassword {CommandText.Argument(credentials.Password, "Password")}";
        return credentials.Host is null ? line : $"{line}; MqttHost {CommandText.Argument(credentials.Host, "Host")}";
    }
}
