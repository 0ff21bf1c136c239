using Hub.Devices.Storage;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Mqtt;

/// <summary>The bootstrap account's password: configured, or generated once and kept (mode 0600) in the data folder.</summary>
public sealed class BootstrapCredentials(IOptions<BootstrapOptions> options, IOptions<DataOptions> data)
{
    public string Username { get; } = options.Value.Username;

    public string Password { get; } = string.IsNullOrEmpty(options.Value.Password)
        ? HubMqttCredentials.LoadOrCreateSecret(Path.Combine(data.Value.EnsureSubfolder("secrets"), "mqtt-bootstrap-password"))
        : options.Value.Password;
}
