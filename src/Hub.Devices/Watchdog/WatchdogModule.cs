using Hub.Devices.Fleet;
using Hub.Devices.Hosting;
using Hub.Devices.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Watchdog;

public static class WatchdogModule
{
    public static IHostApplicationBuilder AddWatchdog(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<WatchdogOptions>(WatchdogOptions.Section);
        // OTA registers its own guard; the default says no plug is busy.
        services.TryAddSingleton<IPlugActivityGuard, NoPlugActivity>();
        services.AddSingleton<MaintenanceRegistry>();
        services.AddSingleton<ProbeRunner>();
        services.AddSingleton<PlugRestarter>();
        services.AddSingleton<WatchdogResponder>();
        services.AddSingleton(sp => new ProbeWorker(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<DatabaseMigrationState<DevicesDb>>(),
            sp.GetRequiredService<MaintenanceRegistry>(), sp.GetRequiredService<ProbeRunner>(),
            sp.GetRequiredService<WatchdogResponder>(), sp.GetRequiredService<IOptions<WatchdogOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ProbeWorker>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ProbeWorker>());
        services.AddHttpClient(ProbeRunner.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient(PlugRestarter.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        return builder;
    }
}
