using Hub.Devices.Commands;
using Hub.Devices.Hosting;
using Hub.Devices.Mqtt;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Fleet;

/// <summary>
/// Takes a pending plug into the fleet: issues it a broker account of its own, sends it the credentials, and waits
/// for it to come back on them after the restart that goes with them.
/// </summary>
public sealed class PlugAdoption(
    PlugDirectory directory,
    FleetState fleet,
    PlugCommander commander,
    IBrokerAccounts accounts,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<PlugAdoption> logger)
{
    public static readonly TimeSpan ReconnectWithin = TimeSpan.FromSeconds(45);

    public async Task<AdoptionOutcome> AdoptAsync(long plugId, string actor, CancellationToken ct)
    {
        var plug = directory.FindById(plugId);
        if (plug is null)
        {
            return AdoptionOutcome.UnknownPlug;
        }

        if (plug.Status == PlugStatus.Adopted)
        {
            return AdoptionOutcome.AlreadyAdopted;
        }

        if (!await fleet.WaitUntilAsync(plugId, s => s.Online, TimeSpan.FromSeconds(2), ct))
        {
            return AdoptionOutcome.Offline;
        }

        var username = $"plug-{plug.Topic}";
        var password = SecretGenerator.New();
        var now = time.GetUtcNow();
        try
        {
            await accounts.IssuePlugAccountAsync(new PlugAccount(username, plug.Topic, password), ct);
        }
        catch (BrokerAccountException)
        {
            return AdoptionOutcome.BrokerRefused;
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            var row = await db.Plugs.SingleAsync(p => p.Id == plugId, ct);
            row.Status = PlugStatus.Adopted;
            row.AdoptedAt = now;
            row.BrokerUsername = username;
            db.PlugHistory.Add(new PlugHistoryEntry
            {
                PlugId = plugId, At = now, Kind = PlugHistoryKind.Adopted, Actor = actor, Detail = $"Adopted with broker account {username}",
            });
            await db.SaveChangesAsync(ct);
        }

        var adopted = plug with { Status = PlugStatus.Adopted };
        directory.Set(adopted);
        var bootsBefore = fleet.Find(plugId)?.State.BootCount;
        var started = time.GetTimestamp();
        var outcome = await commander.SendUncheckedAsync(adopted, new SetBrokerCredentials(username, password), ReconnectWithin, ct);
        if (outcome.Kind == CommandOutcomeKind.Confirmed && bootsBefore is { } boots)
        {
            // The credentials go with a restart. A plug that takes them at once reconnects before it restarts, so wait
            // for the restart too: commands sent in between (a settings profile, say) would be lost with its session.
            var left = ReconnectWithin - time.GetElapsedTime(started);
            await fleet.WaitUntilAsync(plugId, s => s.Online && s.BootCount is { } now && now != boots,
                left > TimeSpan.Zero ? left : TimeSpan.Zero, ct);
        }

        try
        {
            // Only after the hand-over: the plug still receives its credentials on the shared bootstrap session.
            await accounts.ReserveTopicsAsync(plug.Topic, ct);
        }
        catch (BrokerAccountException ex)
        {
            logger.LogWarning("Plug {Topic} is adopted but its topics stay open to bootstrap clients: {Reason}", plug.Topic, ex.Message);
        }

        return outcome.Kind == CommandOutcomeKind.Confirmed ? AdoptionOutcome.Adopted : AdoptionOutcome.AdoptedAwaitingReconnect;
    }
}
