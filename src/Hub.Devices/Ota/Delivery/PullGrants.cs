using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Hub.Devices.Ota.Library;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// One-time download tokens for pull delivery. The download endpoint is anonymous (a plug has no session), so the
/// token in the URL is the only credential: random, per plug, expiring, and spent once one download reached the image's
/// last byte. A plug that resumes with range requests keeps its token until then. Kept in memory: after a hub restart a
/// rollout issues new ones.
/// </summary>
public sealed class PullGrants(IOptions<PullOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, PullGrant> _grants = new(StringComparer.Ordinal);

    public PullGrant Issue(long plugId, FirmwareImage image, string path)
    {
        var now = time.GetUtcNow();
        foreach (var stale in _grants.Values.Where(g => g.ExpiresAt <= now))
        {
            _grants.TryRemove(stale.Token, out _);
        }

        // 128 bits, 22 characters: Tasmota's OtaUrl holds 100 characters in all.
        var grant = new PullGrant(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), plugId, image.Id,
            now.AddMinutes(options.Value.TokenLifetimeMinutes))
        {
            Path = path, Length = image.SizeBytes, Sha256 = image.Sha256, LastModified = image.UploadedAt,
        };
        _grants[grant.Token] = grant;
        return grant;
    }

    /// <summary>The grant behind a token that is known, unexpired and unspent; else null.</summary>
    public PullGrant? Find(string token) =>
        _grants.TryGetValue(token, out var grant) && grant.ExpiresAt > time.GetUtcNow() ? grant : null;

    /// <summary>A download reached the last byte: the token is spent.</summary>
    public void Spend(string token) => _grants.TryRemove(token, out _);
}
