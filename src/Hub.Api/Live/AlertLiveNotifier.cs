using Hub.Devices.Alerts;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Api.Live;

/// <summary>
/// Pushes every alert change to all dashboards as it happens. Alerts are rare next to readings, so unlike plug updates
/// they are not coalesced: a person watching the alerts page should see each one at once.
/// </summary>
internal sealed class AlertLiveNotifier(
    AlertCenter alerts,
    IHubContext<LiveHub, ILiveClient> hub,
    ILogger<AlertLiveNotifier> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alert in alerts.Changes.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await hub.Clients.All.AlertChanged(new AlertLiveChange(alert, alerts.ActiveCount));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Pushing alert {AlertId} to dashboards failed", alert.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
