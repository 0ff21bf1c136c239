using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Hub.Devices.Fleet;
using Hub.Devices.Ota.Library;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// One-time download tokens for pull delivery. The download endpoint is anonymous (a plug has no session), so the
/// token in the URL is the only credential: random, one plug's for one rollout attempt, expiring, and closed when the
/// attempt ends (one issued by hand: once a download sent the last byte). A plug that resumes with range requests keeps
/// its token until then. Grants are rows in <see cref="DevicesDb"/>; the bytes a download in progress reached are kept
/// here too, so a rollout can show them without a write per chunk.
/// </summary>
public sealed class PullGrants(IServiceScopeFactory scopes, FirmwareLibrary library, IOptions<PullOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<long, long> _reached = new();

    /// <summary>A new link; it lives at least <paramref name="atLeast"/> (a rollout's plug timeout, so the link never dies first).</summary>
    public async Task<IssuedPull> IssueAsync(long plugId, FirmwareImage image, long? rolloutPlugId, int attempt, TimeSpan atLeast,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var lifetime = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);
        // 128 bits, 22 characters: Tasmota's OtaUrl holds 100 characters in all.
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var grant = new PullGrant
        {
            TokenHash = Hash(token), PlugId = plugId, FirmwareImageId = image.Id, RolloutPlugId = rolloutPlugId, Attempt = attempt,
            CreatedAt = now, ExpiresAt = now + (lifetime > atLeast ? lifetime : atLeast),
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        db.PullGrants.Add(grant);
        await db.SaveChangesAsync(ct);
        return new IssuedPull(grant, token);
    }

    /// <summary>The open link of this attempt of a rollout plug, if any: a resumed attempt finds the one the plug has.</summary>
    public async Task<PullGrant?> OpenForAttemptAsync(long rolloutPlugId, int attempt, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DevicesDb>().PullGrants.AsNoTracking()
            .Where(g => g.RolloutPlugId == rolloutPlugId && g.Attempt == attempt && g.SpentAt == null)
            .OrderByDescending(g => g.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<PullDownload> FindAsync(string token, CancellationToken ct)
    {
        var hash = Hash(token);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var grant = await db.PullGrants.AsNoTracking().FirstOrDefaultAsync(g => g.TokenHash == hash, ct);
        var image = grant is null ? null : await db.FirmwareImages.AsNoTracking().FirstOrDefaultAsync(i => i.Id == grant.FirmwareImageId, ct);
        if (grant is null || image is null)
        {
            return new PullDownload(null, null, null, PullRefusal.Unknown);
        }

        var refusal = grant.SpentAt is not null ? PullRefusal.Spent
            : grant.ExpiresAt <= time.GetUtcNow() ? PullRefusal.Expired
            : PullRefusal.None;
        return new PullDownload(grant, image, library.PathOf(image), refusal);
    }

    /// <summary>A download of the grant has sent the image up to <paramref name="reached"/> (exclusive), live.</summary>
    public void Served(long grantId, long reached) => _reached.AddOrUpdate(grantId, reached, (_, was) => Math.Max(was, reached));

    /// <summary>
    /// One request ended: its furthest byte is stored; once the last byte went out the download is complete, and a link
    /// issued by hand is spent (a rollout's stays open until its attempt ends: the plug may not have had all of it).
    /// </summary>
    public async Task EndRequestAsync(long grantId, long reached, bool ranged, bool lastByteSent)
    {
        var range = ranged ? 1 : 0;
        Served(grantId, reached);
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        await db.PullGrants.Where(g => g.Id == grantId).ExecuteUpdateAsync(s => s
            .SetProperty(g => g.BytesServed, g => g.BytesServed > reached ? g.BytesServed : reached)
            .SetProperty(g => g.Requests, g => g.Requests + 1)
            .SetProperty(g => g.RangeRequests, g => g.RangeRequests + range)
            .SetProperty(g => g.CompletedAt, g => lastByteSent && g.CompletedAt == null ? now : g.CompletedAt)
            .SetProperty(g => g.SpentAt, g => lastByteSent && g.SpentAt == null && g.RolloutPlugId == null ? now : g.SpentAt));
    }

    /// <summary>Closes a link: a URL the plug cannot take, or the end of the rollout attempt it was issued for.</summary>
    public async Task SpendAsync(long grantId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DevicesDb>().PullGrants.Where(g => g.Id == grantId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.SpentAt, now), ct);
    }

    /// <summary>How far downloads got and whether one completed: live bytes of this process, the stored row for the rest.</summary>
    public async Task<(long Bytes, bool Completed)> ProgressAsync(long grantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<DevicesDb>().PullGrants.AsNoTracking()
            .Where(g => g.Id == grantId).Select(g => new { g.BytesServed, g.CompletedAt }).FirstOrDefaultAsync(ct);
        var live = _reached.GetValueOrDefault(grantId);
        return (Math.Max(live, row?.BytesServed ?? 0), row?.CompletedAt is not null);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
