using System.Globalization;
using System.Threading.Channels;
using Hub.Devices.Alerts;
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
    AlertCenter alerts,
    IOptions<CommandOptions> commandOptions,
    IOptionsMonitor<ProfileOptions> options,
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
        var online = pending.Where(a => fleet.IsOnline(a.PlugId)).ToList();
        if (online.Count == 0)
        {
            return;
        }

        var profileIds = online.Select(a => a.ProfileId).Distinct().ToList();
        var profiles = await db.SettingsProfiles.AsNoTracking().Where(p => profileIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        // An apply that raced a delete can leave a pending row without its profile: drop it rather than fail every pass.
        var orphans = online.Where(a => !profiles.ContainsKey(a.ProfileId)).ToList();
        db.ProfileAssignments.RemoveRange(orphans);
        var ready = online.Except(orphans).ToList();
        // Plugs answer independently: apply to all of them at once, each plug's commands in order.
        var outcomes = await Task.WhenAll(ready.Select(async a => (Assignment: a, GaveUp: await ApplyAsync(a, profiles[a.ProfileId], ct))));
        var gaveUp = outcomes.Where(o => o.GaveUp).Select(o => o.Assignment).ToList();
        foreach (var assignment in gaveUp)
        {
            db.PlugHistory.Add(new PlugHistoryEntry
            {
                PlugId = assignment.PlugId, At = time.GetUtcNow(), Actor = "hub", Kind = PlugHistoryKind.CommandFailed,
                Detail = $"Profile '{profiles[assignment.ProfileId].Name}': {assignment.LastError}",
            });
        }

        await SaveAsync(db, ct);
        // An assignment whose profile was deleted during the pass is gone, and the delete cleared its alerts already.
        bool Kept(ProfileAssignment a) => db.Entry(a).State != EntityState.Detached;
        foreach (var assignment in ready.Where(a => a.Status == ProfileAssignmentStatus.Applied && Kept(a)))
        {
            alerts.Clear(AlertKey(assignment));
        }

        foreach (var assignment in gaveUp.Where(Kept))
        {
            var name = profiles[assignment.ProfileId].Name;
            LogGaveUp(logger, name, assignment.PlugId, assignment.RestartsWhilePending);
            await alerts.RaiseAsync(new AlertRaise(AlertKey(assignment), "ProfileFailed", AlertSeverity.Warning, assignment.PlugId,
                $"Profile '{name}' could not be applied", assignment.LastError!), ct);
        }
    }

    /// <summary>
    /// Saves the pass's outcomes. A profile deleted while it was being applied takes its assignment rows with it; those
    /// outcomes have nothing left to update, so they are let go and the others are saved.
    /// </summary>
    private static async Task SaveAsync(DevicesDb db, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException ex) when (ex.Entries.Count > 0 && ex.Entries.All(e => e.Entity is ProfileAssignment))
            {
                foreach (var entry in ex.Entries)
                {
                    entry.State = EntityState.Detached;
                }
            }
        }
    }

    private int MaxResends => options.CurrentValue.MaxResendsAfterRestart;

    private static string AlertKey(ProfileAssignment a) => FailedAlertKey(a.PlugId, a.ProfileId);

    /// <summary>The key of the <c>ProfileFailed</c> alert of one plug and profile.</summary>
    public static string FailedAlertKey(long plugId, long profileId) =>
        string.Create(CultureInfo.InvariantCulture, $"profile-failed:{plugId}:{profileId}");

    /// <returns>Whether the apply gave up because the plug kept restarting before it confirmed.</returns>
    private async Task<bool> ApplyAsync(ProfileAssignment assignment, SettingsProfile profile, CancellationToken ct)
    {
        assignment.Attempts++;
        assignment.UpdatedAt = time.GetUtcNow();
        if (directory.FindById(assignment.PlugId) is not { } plug)
        {
            assignment.Status = ProfileAssignmentStatus.Failed;
            assignment.LastError = "The plug is no longer in the fleet.";
            return false;
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
            // sent to the old one may be lost. Settings are idempotent, so send them again, but not forever: a profile that
            // itself restarts the plug, or a plug in a reboot loop, would get it after every boot.
            assignment.RestartsWhilePending++;
            if (assignment.RestartsWhilePending > MaxResends)
            {
                assignment.Status = ProfileAssignmentStatus.Failed;
                assignment.LastError = string.Create(CultureInfo.InvariantCulture,
                    $"The plug restarted during the update {assignment.RestartsWhilePending} times; not sent again (Profiles:MaxResendsAfterRestart is {MaxResends}).");
                return true;
            }

            assignment.LastError = "The plug restarted during the update; applying again.";
            Wake();
            return false;
        }

        assignment.Status = outcome.Kind == CommandOutcomeKind.Confirmed ? ProfileAssignmentStatus.Applied : ProfileAssignmentStatus.Failed;
        assignment.LastError = outcome.Kind == CommandOutcomeKind.Confirmed ? null : $"No confirmation from the plug ({outcome.Kind}).";
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {Profile} gave up on plug {PlugId}: it restarted {Restarts} times while the profile was pending")]
    private static partial void LogGaveUp(ILogger logger, string profile, long plugId, int restarts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying settings profiles failed; will retry")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
