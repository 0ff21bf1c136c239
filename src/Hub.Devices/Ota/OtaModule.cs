using Hub.Devices.Hosting;
using Hub.Devices.Ota.Delivery;
using Hub.Devices.Ota.Library;
using Hub.Devices.Ota.Rollouts;
using Hub.Devices.Watchdog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Hub.Devices.Ota;

public static class OtaModule
{
    /// <summary>The firmware library, compatibility checks, rollouts, push delivery and pull delivery's download grants.</summary>
    public static IHostApplicationBuilder AddOta(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<FirmwareOptions>(FirmwareOptions.Section);
        builder.Services.AddSingleton<TrustedKeys>();
        builder.Services.AddSingleton<FirmwareInspector>();
        builder.Services.AddSingleton<FirmwareLibrary>();
        builder.Services.AddSingleton<OtaWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OtaWatcher>());
        builder.Services.AddSingleton<PushDelivery>();
        builder.Services.AddValidatedOptions<PullOptions>(PullOptions.Section);
        builder.Services.AddSingleton<PullGrants>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PullGrants>());
        builder.Services.AddSingleton<PullLinks>();
        builder.Services.AddSingleton<PullDelivery>();
        builder.Services.AddSingleton<RolloutTracker>();
        // The watchdog registers a guard that never objects; a plug in a rollout must be left alone.
        builder.Services.Replace(ServiceDescriptor.Singleton<IPlugActivityGuard, RolloutActivityGuard>());
        builder.Services.AddScoped<RolloutService>();
        builder.Services.AddHostedService<RolloutWorker>();
        return builder;
    }
}
