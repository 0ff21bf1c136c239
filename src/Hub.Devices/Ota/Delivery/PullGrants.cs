using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Hub.Devices.Fleet;
using Hub.Devices.Ota.Library;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// One-time download tokens for pull delivery. The download endpoint is anonymous (a plug has no session), so the
/// token in the URL is the only credential: random, one plug's for one rollout attempt, expiring, and closed when the
/// attempt ends (one issued by hand: once a download sent the last byte). A plug that resumes with range requests keeps
/// its token until then. Grants are rows in <see cref="DevicesDb"/>, so links outlive a hub restart. Downloads read and
/// count against a cache of them, and their counts are written behind by one writer in batches: 200 plugs pulling at
/// once would otherwise cost 200 queries and 200 commits on the download path.
/// </summary>
public sealed class PullGrants(IServiceScopeFactory scopes, FirmwareLibrary library, IOptions<PullOptions> options, TimeProvider time,
    ILogger<PullGrants> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Entry> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, Entry> _byId = new();
    private readonly Channel<long> _dirty = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, RowRead> _rowReads = new();

    /// <summary>
    /// How often the row of a grant this hub does not serve is read for progress. Such a row changes only when a download
    /// request ends (its counts are written behind), and a rollout writes a plug's progress at most this often, so a
    /// resumed pull polling every second would read the same row five times for nothing.
    /// </summary>
    public static readonly TimeSpan RowReadEvery = TimeSpan.FromSeconds(5);

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
        Forget(now);
        Remember(Copy(grant), image);
        return new IssuedPull(grant, token);
    }

    /// <summary>The open link of this attempt of a rollout plug, if any: a resumed attempt finds the one the plug has.</summary>
    public async Task<PullGrant?> OpenForAttemptAsync(long rolloutPlugId, int attempt, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<DevicesDb>().PullGrants.AsNoTracking()
            .Where(g => g.RolloutPlugId == rolloutPlugId && g.Attempt == attempt)
            .OrderByDescending(g => g.Id).ToListAsync(ct);
        // The cache is ahead of the rows (written behind): its spent mark counts.
        return rows.Select(g => _byId.TryGetValue(g.Id, out var known) ? Snapshot(known) : g).FirstOrDefault(g => g.SpentAt is null);
    }

    public async Task<PullDownload> FindAsync(string token, CancellationToken ct)
    {
        var hash = Hash(token);
        if (!_byHash.TryGetValue(hash, out var entry))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            var found = await db.PullGrants.AsNoTracking().Where(g => g.TokenHash == hash)
                .Join(db.FirmwareImages.AsNoTracking(), g => g.FirmwareImageId, i => i.Id, (g, i) => new { Grant = g, Image = i })
                .FirstOrDefaultAsync(ct);
            if (found is null)
            {
                return new PullDownload(null, null, null, PullRefusal.Unknown);
            }

            entry = Remember(found.Grant, found.Image);
        }

        var grant = Snapshot(entry);
        var refusal = grant.SpentAt is not null ? PullRefusal.Spent
            : grant.ExpiresAt <= time.GetUtcNow() ? PullRefusal.Expired
            : PullRefusal.None;
        return new PullDownload(grant, entry.Image, library.PathOf(entry.Image), refusal);
    }

    /// <summary>A download of the grant has sent the image up to <paramref name="reached"/> (exclusive), live.</summary>
    public void Served(long grantId, long reached)
    {
        if (_byId.TryGetValue(grantId, out var entry))
        {
            lock (entry)
            {
                entry.Grant.BytesServed = Math.Max(entry.Grant.BytesServed, reached);
            }
        }
    }

    /// <summary>
    /// One request ended: its furthest byte counts; once the last byte went out the download is complete, and a link
    /// issued by hand is spent (a rollout's stays open until its attempt ends: the plug may not have had all of it).
    /// </summary>
    public void EndRequest(long grantId, long reached, bool ranged, bool lastByteSent)
    {
        if (!_byId.TryGetValue(grantId, out var entry))
        {
            return;
        }

        var now = time.GetUtcNow();
        lock (entry)
        {
            var grant = entry.Grant;
            grant.BytesServed = Math.Max(grant.BytesServed, reached);
            grant.Requests++;
            grant.RangeRequests += ranged ? 1 : 0;
            if (lastByteSent)
            {
                grant.CompletedAt ??= now;
                grant.SpentAt ??= grant.RolloutPlugId is null ? now : null;
            }
        }

        _dirty.Writer.TryWrite(grantId);
    }

    /// <summary>Closes a link: a URL the plug cannot take, or the end of the rollout attempt it was issued for.</summary>
    public async Task SpendAsync(long grantId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_byId.TryGetValue(grantId, out var entry))
        {
            lock (entry)
            {
                entry.Grant.SpentAt ??= now;
            }
        }

        _rowReads.TryRemove(grantId, out _);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DevicesDb>().PullGrants.Where(g => g.Id == grantId && g.SpentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.SpentAt, now), ct);
    }

    /// <summary>
    /// How far downloads got and whether one completed: live from the cache when this hub serves the link, else from its
    /// row (the database stays the truth, e.g. after a restart until the plug asks again), read at most every
    /// <see cref="RowReadEvery"/>.
    /// </summary>
    public async Task<(long Bytes, bool Completed)> ProgressAsync(long grantId, CancellationToken ct)
    {
        if (_byId.TryGetValue(grantId, out var entry))
        {
            _rowReads.TryRemove(grantId, out _);
            var grant = Snapshot(entry);
            return (grant.BytesServed, grant.CompletedAt is not null);
        }

        var now = time.GetUtcNow();
        if (_rowReads.TryGetValue(grantId, out var last) && now - last.At < RowReadEvery)
        {
            return (last.Bytes, last.Completed);
        }

        await using var scope = scopes.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<DevicesDb>().PullGrants.AsNoTracking()
            .Where(g => g.Id == grantId).Select(g => new { g.BytesServed, g.CompletedAt }).FirstOrDefaultAsync(ct);
        var read = new RowRead(now, row?.BytesServed ?? 0, row?.CompletedAt is not null);
        _rowReads[grantId] = read;
        return (read.Bytes, read.Completed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _dirty.Reader.WaitToReadAsync(stoppingToken);
                // Not cancelled by the stop: a flush cut off halfway would lose the counts it took from the queue.
                await FlushAsync(CancellationToken.None);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Writing pull download counts failed; trying again");
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // What the last downloads counted is written before the hub goes: a restarted hub resumes from it.
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes every grant counted since the last flush, in one transaction.</summary>
    private async Task FlushAsync(CancellationToken ct)
    {
        var ids = new HashSet<long>();
        while (_dirty.Reader.TryRead(out var id))
        {
            ids.Add(id);
        }

        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            await WriteAsync(ids, ct);
        }
        catch
        {
            // Queued again for the next try; the values written are whole snapshots, so nothing counts twice.
            foreach (var id in ids)
            {
                _dirty.Writer.TryWrite(id);
            }

            throw;
        }
    }

    private async Task WriteAsync(HashSet<long> ids, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var id in ids)
        {
            if (!_byId.TryGetValue(id, out var entry))
            {
                continue;
            }

            var g = Snapshot(entry);
            await db.PullGrants.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.BytesServed, g.BytesServed)
                .SetProperty(r => r.Requests, g.Requests)
                .SetProperty(r => r.RangeRequests, g.RangeRequests)
                .SetProperty(r => r.CompletedAt, g.CompletedAt)
                .SetProperty(r => r.SpentAt, r => r.SpentAt ?? g.SpentAt), ct);
        }

        await transaction.CommitAsync(ct);
    }

    private Entry Remember(PullGrant grant, FirmwareImage image)
    {
        var entry = _byHash.GetOrAdd(grant.TokenHash, _ => new Entry(grant, image));
        _byId.TryAdd(entry.Grant.Id, entry);
        return entry;
    }

    /// <summary>Expired links leave the cache; the rows answer for them (410) if they are asked again.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var stale in _byId.Values.Where(e => e.Grant.ExpiresAt <= now))
        {
            _byId.TryRemove(stale.Grant.Id, out _);
            _byHash.TryRemove(stale.Grant.TokenHash, out _);
        }

        // A delivery that ended without spending its link (a hub stopping) leaves its last read behind.
        var lifetime = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);
        foreach (var id in _rowReads.Where(r => now - r.Value.At > lifetime).Select(r => r.Key).ToList())
        {
            _rowReads.TryRemove(id, out _);
        }
    }

    private static PullGrant Snapshot(Entry entry)
    {
        lock (entry)
        {
            return Copy(entry.Grant);
        }
    }

    private static PullGrant Copy(PullGrant g) => new()
    {
        Id = g.Id, TokenHash = g.TokenHash, PlugId = g.PlugId, FirmwareImageId = g.FirmwareImageId, RolloutPlugId = g.RolloutPlugId,
        Attempt = g.Attempt, CreatedAt = g.CreatedAt, ExpiresAt = g.ExpiresAt, BytesServed = g.BytesServed, Requests = g.Requests,
        RangeRequests = g.RangeRequests, CompletedAt = g.CompletedAt, SpentAt = g.SpentAt,
    };

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A grant as downloads see it; the grant object is changed only under a lock on the entry.</summary>
    private sealed record Entry(PullGrant Grant, FirmwareImage Image);

    /// <summary>What a grant's row said when it was last read for progress.</summary>
    private sealed record RowRead(DateTimeOffset At, long Bytes, bool Completed);
}
