using Hub.Devices.Ota.Rollouts;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Api.Live;

/// <summary>Pushes each plug's rollout step to dashboards as it happens: steps are seconds apart, so nothing is coalesced.</summary>
internal sealed class RolloutLiveNotifier(RolloutTracker tracker, IHubContext<LiveHub, ILiveClient> hub, ILogger<RolloutLiveNotifier> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in tracker.Changes.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await hub.Clients.All.RolloutPlugChanged(change);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Pushing a rollout change failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
