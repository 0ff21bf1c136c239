using System.Security.Cryptography;
using System.Text;
using Hub.Devices.Hosting;

namespace Hub.Api.Auth;

internal static class ApiTokens
{
    public const string Prefix = "hub_";

    public static string New() => Prefix + SecretGenerator.New(32);

    /// <summary>Tokens carry 256 random bits, so a plain SHA-256 is as safe as a slow hash and costs nothing per call.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
