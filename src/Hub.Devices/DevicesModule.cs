using Hub.Devices.Alerts;
using Hub.Devices.Fleet;
using Hub.Devices.Commands;
using Hub.Devices.Discovery;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Fleet.Profiles;
using Hub.Devices.HomeAssistant;
using Hub.Devices.Hosting;
using Hub.Devices.Mqtt;
using Hub.Devices.Ota;
using Hub.Devices.Protocols;
using Hub.Devices.Storage;
using Hub.Devices.Watchdog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.Devices;

public static class DevicesModule
{
    public static IHostApplicationBuilder AddDevices(this IHostApplicationBuilder builder)
    {
        builder.AddHubDataFolder();
        builder.AddModuleDatabase<DevicesDb>("Devices");

        builder.Services.AddValidatedOptions<MqttOptions>(MqttOptions.Section);
        builder.Services.AddValidatedOptions<MqttBrokerOptions>(MqttBrokerOptions.Section);
        builder.Services.AddSingleton<PlugEventBus>();
        builder.AddPlugProtocols();
        builder.Services.AddSingleton<MqttMetrics>();
        builder.Services.AddValidatedOptions<BootstrapOptions>(BootstrapOptions.Section);
        builder.Services.AddValidatedOptions<MqttLinkOptions>(MqttLinkOptions.Section);
        builder.Services.AddSingleton<HubMqttCredentials>();
        builder.Services.AddSingleton<BootstrapCredentials>();
        builder.Services.AddSingleton<BrokerAuthenticator>();
        builder.Services.AddSingleton<EmbeddedBroker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        builder.Services.AddBrokerAccounts();
        builder.Services.AddHealthChecks().AddCheck<BrokerHealthCheck>("mqtt-broker", tags: ["ready"]);

        builder.Services.AddSingleton<PlugDirectory>();
        builder.Services.AddSingleton<FleetState>();
        builder.Services.AddSingleton<FleetSignals>();
        builder.Services.AddHostedService<FleetStateWorker>();
        builder.Services.AddSingleton<MqttLink>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MqttLink>());
        builder.Services.AddValidatedOptions<CommandOptions>(CommandOptions.Section);
        builder.Services.AddSingleton<PlugCommander>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlugCommander>());
        builder.Services.AddSingleton<DesiredRelayStore>();
        builder.Services.AddHostedService<DesiredStateEnforcer>();
        builder.Services.AddSingleton<PlugAdoption>();
        builder.Services.AddSingleton<PlugCredentialRotation>();
        builder.Services.AddValidatedOptions<RecoveryOptions>(RecoveryOptions.Section);
        builder.Services.AddSingleton<RecoveryWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RecoveryWatcher>());
        builder.Services.AddValidatedOptions<ProfileOptions>(ProfileOptions.Section);
        builder.Services.AddSingleton<ProfileApplier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProfileApplier>());
        builder.Services.AddValidatedOptions<HomeAssistantOptions>(HomeAssistantOptions.Section);
        builder.Services.AddHostedService<HomeAssistantPublisher>();
        builder.AddDiscovery();
        builder.AddWatchdog();
        builder.AddAlerts();
        builder.AddOta();
        return builder;
    }
}
