using Hub.Devices.Watchdog;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Api.Live;

/// <summary>
/// Pushes each change of a probe's verdict to the dashboards. The worker only reports flips (up, down, needs attention),
/// so these are rare and go out at once, like alerts.
/// </summary>
internal sealed class WatchdogLiveNotifier(
    ProbeWorker probes,
    IHubContext<LiveHub, ILiveClient> hub,
    ILogger<WatchdogLiveNotifier> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in probes.Changes.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await hub.Clients.All.ProbeChanged(change);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Pushing probe {ProbeId} to dashboards failed", change.Status.ProbeId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
