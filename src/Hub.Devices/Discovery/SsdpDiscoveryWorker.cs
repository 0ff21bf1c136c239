using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Discovery;

/// <summary>Searches by SSDP every few minutes when <see cref="DiscoveryOptions.PeriodicSsdp"/> is on; scans never run here.</summary>
internal sealed class SsdpDiscoveryWorker(
    PlugDiscovery discovery, IOptions<DiscoveryOptions> options, TimeProvider time, ILogger<SsdpDiscoveryWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.PeriodicSsdp)
        {
            return;
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(settings.SsdpFirstSearchDelaySeconds), time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.SsdpIntervalSeconds), time);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var report = await discovery.SearchSsdpAsync(stoppingToken);
                logger.LogDebug("Periodic SSDP search found {Count} plugs", report.Plugs.Count);
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Periodic SSDP search failed; trying again at the next interval");
                try
                {
                    await timer.WaitForNextTickAsync(stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }
}
