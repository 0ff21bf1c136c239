using System.Threading.Channels;
using Hub.Devices.Commands;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Fleet.Profiles;

/// <summary>
/// Applies pending profile assignments to plugs that are online: when a profile is assigned, when a plug comes back
/// online, and once a minute in case a wake-up was missed. The assignments table is the truth, so a restart resumes.
/// </summary>
public sealed partial class ProfileApplier(
    PlugEventBus bus,
    PlugDirectory directory,
    FleetState fleet,
    PlugCommander commander,
    DatabaseMigrationState<DevicesDb> migrated,
    IServiceScopeFactory scopes,
    IOptions<CommandOptions> commandOptions,
    TimeProvider time,
    ILogger<ProfileApplier> logger) : BackgroundService
{
    private readonly ChannelReader<PlugEvent> _events = bus.Subscribe("profiles", 10_000, BusBackPressure.DropOldest);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks the applier to look for pending work now.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrated.Migrated.WaitAsync(stoppingToken);
        var watchOnline = WatchPlugsComingOnlineAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ApplyPendingAsync(stoppingToken);
                var wake = _wake.Reader.WaitToReadAsync(stoppingToken).AsTask();
                if (await Task.WhenAny(wake, tick) == tick)
                {
                    tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                }

                _wake.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }
        }

        await watchOnline;
    }

    private async Task WatchPlugsComingOnlineAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var evt in _events.ReadAllAsync(ct))
            {
                if (evt is AvailabilityChanged { Online: true })
                {
                    Wake();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ApplyPendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var pending = await db.ProfileAssignments.Where(a => a.Status == ProfileAssignmentStatus.Pending).ToListAsync(ct);
        var ready = pending.Where(a => fleet.IsOnline(a.PlugId)).ToList();
        if (ready.Count == 0)
        {
            return;
        }

        var profileIds = ready.Select(a => a.ProfileId).Distinct().ToList();
        var profiles = await db.SettingsProfiles.AsNoTracking().Where(p => profileIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        // Plugs answer independently: apply to all of them at once, each plug's commands in order.
        await Task.WhenAll(ready.Select(a => ApplyAsync(a, profiles[a.ProfileId], ct)));
        await db.SaveChangesAsync(ct);
    }

    private async Task ApplyAsync(ProfileAssignment assignment, SettingsProfile profile, CancellationToken ct)
    {
        assignment.Attempts++;
        assignment.UpdatedAt = time.GetUtcNow();
        if (directory.FindById(assignment.PlugId) is not { } plug)
        {
            assignment.Status = ProfileAssignmentStatus.Failed;
            assignment.LastError = "The plug is no longer in the fleet.";
            return;
        }

        var bootsBefore = fleet.Find(plug.Id)?.State.BootCount;
        foreach (var command in profile.Commands)
        {
            await commander.SendWithoutConfirmationAsync(plug, new ConsoleCommand(command.Name, command.Arguments), ct);
        }

        // Most settings commands are answered by silence; a state request behind them, answered in order over the same
        // connection, proves the plug has read them all.
        var outcome = await commander.SendUncheckedAsync(plug, new RequestState(),
            TimeSpan.FromSeconds(commandOptions.Value.ConfirmTimeoutSeconds), ct);
        if (outcome.Kind == CommandOutcomeKind.Confirmed && fleet.Find(plug.Id)?.State.BootCount != bootsBefore)
        {
            // The plug restarted while it was being configured: the answer may come from its new session, and commands
            // sent to the old one may be lost. Settings are idempotent, so send them again.
            assignment.LastError = "The plug restarted during the update; applying again.";
            Wake();
            return;
        }

        assignment.Status = outcome.Kind == CommandOutcomeKind.Confirmed ? ProfileAssignmentStatus.Applied : ProfileAssignmentStatus.Failed;
        assignment.LastError = outcome.Kind == CommandOutcomeKind.Confirmed ? null : $"No confirmation from the plug ({outcome.Kind}).";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying settings profiles failed; will retry")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
