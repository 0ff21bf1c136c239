using Hub.Devices.Ota.Rollouts;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Api.Live;

/// <summary>
/// Pushes each plug's rollout step, and each change of a rollout itself, to dashboards as it happens: steps are seconds
/// apart, so nothing is coalesced.
/// </summary>
internal sealed class RolloutLiveNotifier(RolloutTracker tracker, IHubContext<LiveHub, ILiveClient> hub, ILogger<RolloutLiveNotifier> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        ForwardAsync(tracker.Changes, change => hub.Clients.All.RolloutPlugChanged(change), stoppingToken),
        ForwardAsync(tracker.RolloutChanges, change => hub.Clients.All.RolloutChanged(change), stoppingToken));

    private async Task ForwardAsync<T>(ChannelReader<T> changes, Func<T, Task> push, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in changes.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await push(change);
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
