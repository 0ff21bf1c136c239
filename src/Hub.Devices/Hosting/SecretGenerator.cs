using System.Security.Cryptography;

namespace Hub.Devices.Hosting;

public static class SecretGenerator
{
    /// <summary>A URL- and MQTT-safe random secret with 160 bits of entropy.</summary>
    public static string New(int bytes = 20) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
