using Hub.Devices.Fleet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Mqtt;

/// <summary>Plug logins as rows in the hub's database, which <see cref="BrokerAuthenticator"/> checks on every connect.</summary>
internal sealed class EmbeddedBrokerAccounts(IServiceScopeFactory scopes, TimeProvider time) : IBrokerAccounts
{
    public async Task IssuePlugAccountAsync(PlugAccount account, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(account.Password);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        await db.BrokerAccounts.Where(a => a.Username == account.Username).ExecuteDeleteAsync(ct);
        db.BrokerAccounts.Add(new BrokerAccount
        {
            Username = account.Username,
            SecretHash = BrokerAuthenticator.HashSecret(account.Password),
            TopicRoot = account.TopicRoot,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }

    // The embedded broker already confines a bootstrap session to the topics of its own client id.
    public Task ReserveTopicsAsync(string topicRoot, CancellationToken ct) => Task.CompletedTask;

    public async Task RevokePlugAccountAsync(PlugAccount account, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var now = time.GetUtcNow();
        await db.BrokerAccounts.Where(a => a.Username == account.Username && a.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.RevokedAt, now), ct);
    }
}
