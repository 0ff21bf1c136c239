using System.Threading.Channels;
using Hub.Devices.Alerts;
using Hub.Devices.Ota.Rollouts;
using Hub.Devices.Watchdog;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Api.Live;

/// <summary>
/// Pushes the rare changes to all dashboards as they happen: rollout plug steps and rollouts, alerts, probe verdicts and
/// maintenance windows. Unlike plug readings (<see cref="LiveNotifier"/>) they are seconds apart at most, so nothing is
/// coalesced: a person watching should see each one at once.
/// </summary>
internal sealed class ChangeLiveNotifier(
    RolloutTracker rollouts,
    AlertCenter alerts,
    ProbeWorker probes,
    MaintenanceRegistry maintenance,
    IHubContext<LiveHub, ILiveClient> hub,
    ILogger<ChangeLiveNotifier> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        ForwardAsync(rollouts.Changes, change => hub.Clients.All.RolloutPlugChanged(change), stoppingToken),
        ForwardAsync(rollouts.RolloutChanges, change => hub.Clients.All.RolloutChanged(change), stoppingToken),
        ForwardAsync(alerts.Changes, alert => hub.Clients.All.AlertChanged(new AlertLiveChange(alert, alerts.ActiveCount)), stoppingToken),
        ForwardAsync(probes.Changes, change => hub.Clients.All.ProbeChanged(change), stoppingToken),
        ForwardAsync(maintenance.Changes, change => hub.Clients.All.MaintenanceChanged(change), stoppingToken));

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
                    logger.LogWarning(ex, "Pushing a {Change} to dashboards failed", typeof(T).Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
