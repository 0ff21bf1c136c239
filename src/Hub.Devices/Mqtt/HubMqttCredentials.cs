using Hub.Devices.Hosting;
using Hub.Devices.Storage;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Mqtt;

/// <summary>The hub's own broker account: configured, or generated once and kept (mode 0600) in the data folder.</summary>
public sealed class HubMqttCredentials
{
    public HubMqttCredentials(IOptions<MqttOptions> mqtt, IOptions<DataOptions> data)
    {
        Username = mqtt.Value.Username;
        Password = string.IsNullOrEmpty(mqtt.Value.Password)
            ? LoadOrCreateSecret(Path.Combine(data.Value.EnsureSubfolder("secrets"), "mqtt-hub-password"))
            : mqtt.Value.Password;
    }

    public string Username { get; }

    public string Password { get; }

    internal static string LoadOrCreateSecret(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var secret = SecretGenerator.New();
        SecretFile.Write(path, secret);
        return secret;
    }
}
