using Hub.Devices.Watchdog;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Api.Live;

/// <summary>
/// Pushes each maintenance window that starts, is ended or expires to the dashboards, so an open plug page shows a
/// window another user or an API client started. Rare, so each goes out at once.
/// </summary>
internal sealed class MaintenanceLiveNotifier(
    MaintenanceRegistry maintenance,
    IHubContext<LiveHub, ILiveClient> hub,
    ILogger<MaintenanceLiveNotifier> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in maintenance.Changes.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await hub.Clients.All.MaintenanceChanged(change);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Pushing maintenance window {WindowId} to dashboards failed", change.Window.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
