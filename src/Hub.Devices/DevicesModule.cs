using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Hosting;
using Hub.Devices.Mqtt;
using Hub.Devices.Protocols;
using Hub.Devices.Storage;
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
        builder.Services.AddSingleton<HubMqttCredentials>();
        builder.Services.AddSingleton<BrokerAuthenticator>();
        builder.Services.AddSingleton<EmbeddedBroker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        builder.Services.AddHealthChecks().AddCheck<BrokerHealthCheck>("mqtt-broker", tags: ["ready"]);
        return builder;
    }
}
