using Hub.Devices.Fleet.Events;
using Hub.Devices.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Discovery;

public static class DiscoveryRegistration
{
    /// <summary>SSDP search, HTTP identification and address scans, the periodic SSDP worker and MQTT registration.</summary>
    public static IHostApplicationBuilder AddDiscovery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<DiscoveryOptions>(DiscoveryOptions.Section);
        builder.Services.AddSingleton<PlugHttpClient>();
        builder.Services.AddSingleton<HttpIdentifier>();
        builder.Services.AddSingleton<SsdpSearcher>();
        builder.Services.AddSingleton<DiscoveryRegistrar>();
        builder.Services.AddSingleton<RangeScanner>();
        // PlugDiscovery is public for the API while its parts are internal, so its constructor is too.
        builder.Services.AddSingleton(sp => new PlugDiscovery(
            sp.GetRequiredService<SsdpSearcher>(), sp.GetRequiredService<PlugHttpClient>(), sp.GetRequiredService<HttpIdentifier>(),
            sp.GetRequiredService<RangeScanner>(), sp.GetRequiredService<DiscoveryRegistrar>(), sp.GetRequiredService<PlugEventBus>(),
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IOptions<DiscoveryOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PlugDiscovery>>()));
        builder.Services.AddHostedService<SsdpDiscoveryWorker>();
        builder.Services.AddSingleton<MqttDiscovery>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MqttDiscovery>());
        return builder;
    }
}
