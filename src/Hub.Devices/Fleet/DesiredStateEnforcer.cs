using Hub.Devices.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Fleet;

/// <summary>
/// After a plug reboots, sets its managed relays back to what the owner wants. This does not rely on the plug having
/// saved its state before it died, which is where OpenBeken's "-1" start state fails.
/// </summary>
internal sealed partial class DesiredStateEnforcer(
    FleetSignals signals,
    DesiredRelayStore desired,
    PlugDirectory directory,
    PlugCommander commander,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<DesiredStateEnforcer> logger) : BackgroundService
{
    private static readonly TimeSpan ConfirmWithin = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var reboot in signals.Reboots.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await ReassertAsync(reboot, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, reboot.Topic, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ReassertAsync(RebootDetected reboot, CancellationToken ct)
    {
        if (directory.FindById(reboot.PlugId) is not { Status: PlugStatus.Adopted } plug)
        {
            return;
        }

        foreach (var channel in await desired.ForPlugAsync(plug.Id, ct))
        {
            if (DesiredRelayStore.Target(channel) is not { } on)
            {
                continue;
            }

            var outcome = await commander.SendUncheckedAsync(plug,
                new SetRelay(channel.Channel, on ? RelayAction.On : RelayAction.Off), ConfirmWithin, ct);
            var confirmed = outcome.Kind == CommandOutcomeKind.Confirmed;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            db.PlugHistory.Add(new PlugHistoryEntry
            {
                PlugId = plug.Id, At = time.GetUtcNow(), Actor = "hub",
                Kind = confirmed ? PlugHistoryKind.DesiredStateReasserted : PlugHistoryKind.CommandFailed,
                Detail = $"After reboot: relay {channel.Channel} set {(on ? "on" : "off")}" + (confirmed ? "" : " (not confirmed)"),
            });
            await db.SaveChangesAsync(ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-asserting the desired state of {Topic} failed")]
    private static partial void LogFailed(ILogger logger, string topic, Exception ex);
}
