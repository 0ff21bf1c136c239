using System.Security.Cryptography;
using System.Text;
using Hub.Devices.Fleet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Mqtt;

/// <summary>Decides who may connect to the embedded broker. Anonymous clients never may.</summary>
public sealed class BrokerAuthenticator(HubMqttCredentials hub, IServiceScopeFactory scopes)
{
    public async Task<bool> IsAllowedAsync(string? username, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return false;
        }

        if (username == hub.Username)
        {
            return FixedTimeEquals(password, hub.Password);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var account = await db.BrokerAccounts.AsNoTracking()
            .Where(a => a.Username == username && a.RevokedAt == null)
            .Select(a => new { a.SecretHash })
            .FirstOrDefaultAsync(cancellationToken);
        return account is not null && FixedTimeEquals(HashSecret(password), account.SecretHash);
    }

    public static string HashSecret(string password) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
