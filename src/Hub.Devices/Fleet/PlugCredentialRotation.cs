using System.Globalization;
using Hub.Devices.Commands;
using Hub.Devices.Hosting;
using Hub.Devices.Mqtt;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Fleet;

/// <summary>
/// Gives an adopted plug a new broker login. The new account is created beside the old one, and the old one is revoked
/// only once the plug is back on the new one, so a plug that misses the hand-over is never locked out.
/// </summary>
public sealed class PlugCredentialRotation(
    PlugDirectory directory,
    FleetState fleet,
    PlugCommander commander,
    IBrokerAccounts accounts,
    IServiceScopeFactory scopes,
    TimeProvider time)
{
    public async Task<RotationOutcome> RotateAsync(long plugId, string actor, CancellationToken ct)
    {
        if (directory.FindById(plugId) is not { } plug)
        {
            return RotationOutcome.UnknownPlug;
        }

        if (plug.Status != PlugStatus.Adopted)
        {
            return RotationOutcome.NotAdopted;
        }

        if (!fleet.IsOnline(plugId))
        {
            return RotationOutcome.Offline;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var row = await db.Plugs.SingleAsync(p => p.Id == plugId, ct);
        var oldUsername = row.BrokerUsername;
        var username = $"plug-{plug.Topic}-{time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        var password = SecretGenerator.New();
        try
        {
            await accounts.IssuePlugAccountAsync(new PlugAccount(username, plug.Topic, password), ct);
        }
        catch (BrokerAccountException)
        {
            return RotationOutcome.BrokerRefused;
        }

        var outcome = await commander.SendUncheckedAsync(plug, new SetBrokerCredentials(username, password), PlugAdoption.ReconnectWithin, ct);
        if (outcome.Kind != CommandOutcomeKind.Confirmed)
        {
            // Both logins stay valid: the plug may still come back on either.
            return RotationOutcome.AwaitingReconnect;
        }

        if (oldUsername is not null && oldUsername != username)
        {
            await accounts.RevokePlugAccountAsync(new PlugAccount(oldUsername, plug.Topic), ct);
        }

        row.BrokerUsername = username;
        db.PlugHistory.Add(new PlugHistoryEntry
        {
            PlugId = plugId, At = time.GetUtcNow(), Kind = PlugHistoryKind.CredentialsRotated, Actor = actor,
            Detail = $"Broker account {oldUsername ?? "(none)"} replaced by {username}",
        });
        await db.SaveChangesAsync(ct);
        return RotationOutcome.Rotated;
    }
}
