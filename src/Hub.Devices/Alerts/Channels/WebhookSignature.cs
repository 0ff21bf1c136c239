using System.Security.Cryptography;

namespace Hub.Devices.Alerts.Channels;

/// <summary>
/// <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the exact body with the channel's secret, so a
/// receiver can tell the hub's notifications from forgeries (GitHub's webhook convention).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Compute(secret, body)), System.Text.Encoding.ASCII.GetBytes(header));
}
