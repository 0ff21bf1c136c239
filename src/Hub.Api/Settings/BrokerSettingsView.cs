namespace Hub.Api.Settings;

/// <summary>
/// Where the broker is and how the hub and new plugs reach it, for the settings page. Never a password: those are in
/// the data folder's secrets and the configuration.
/// </summary>
public sealed record BrokerSettingsView(
    bool Embedded, string? BindAddress, int? EmbeddedPort, string HubHost, int HubPort, string HubUsername, bool UseTls,
    string AccountStore, bool BootstrapEnabled, string BootstrapUsername);
