using System.Security.Cryptography;
using System.Text;
using Hub.Devices.Fleet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Mqtt;

/// <summary>Decides who may connect to the embedded broker and as what. Anonymous clients never may.</summary>
public sealed class BrokerAuthenticator(
    HubMqttCredentials hub,
    BootstrapCredentials bootstrap,
    IOptions<BootstrapOptions> bootstrapOptions,
    IServiceScopeFactory scopes)
{
    public async Task<BrokerClientRole?> AuthenticateAsync(
        string clientId, string? username, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        if (username == hub.Username)
        {
            return FixedTimeEquals(password, hub.Password) ? BrokerClientRole.Hub : null;
        }

        if (bootstrapOptions.Value.Enabled && username == bootstrap.Username)
        {
            // OpenBeken's client id is its topic, so a bootstrap session is confined to the topics of its client id.
            return FixedTimeEquals(password, bootstrap.Password) ? new BrokerClientRole(BrokerClientKind.Bootstrap, clientId) : null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var account = await db.BrokerAccounts.AsNoTracking()
            .Where(a => a.Username == username && a.RevokedAt == null)
            .Select(a => new { a.SecretHash, a.TopicRoot })
            .FirstOrDefaultAsync(cancellationToken);
        if (account is null || !FixedTimeEquals(HashSecret(password), account.SecretHash))
        {
            return null;
        }

        return account.TopicRoot is null ? BrokerClientRole.Hub : new BrokerClientRole(BrokerClientKind.Plug, account.TopicRoot);
    }

    public static string HashSecret(string password) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
