using Hub.Devices.Fleet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Discovery;

/// <summary>
/// Writes what discovery learned into the fleet registry. Plugs are matched by MAC first (OpenBeken's SSDP UUIDs are
/// not unique, fact sheet §3), then by topic; unknown ones become pending plugs through <see cref="PlugDirectory"/>,
/// as MQTT discovery does. Only the identity columns are written: live state belongs to the fleet worker.
/// </summary>
internal sealed class DiscoveryRegistrar(
    PlugDirectory directory, IServiceScopeFactory scopes, TimeProvider time, ILogger<DiscoveryRegistrar> logger)
{
    /// <summary>Plugs per transaction: a thousand found at once hold the database's write lock for four short commits.</summary>
    public const int BatchSize = 250;

    private readonly List<IdentityUpdate> _updates = [];
    private readonly Lock _updatesGate = new();
    private bool _writing;

    /// <summary>
    /// Records what one search or scan found in one transaction. SQLite commits one at a time, and a commit per plug was
    /// nearly all of a large discovery's time (1,000 plugsim plugs: 0.2 s of HTTP, several seconds of commits). When the
    /// batch collides with a plug that registered over MQTT meanwhile, it is recorded one plug at a time instead.
    /// </summary>
    public async Task<List<DiscoveredPlug>> RecordManyAsync(IReadOnlyList<PlugIdentity> identities, string method, CancellationToken ct)
    {
        await directory.Loaded.WaitAsync(ct);
        try
        {
            return await WriteBatchAsync(identities, method, ct);
        }
        catch (DbUpdateException ex)
        {
            logger.LogDebug(ex, "A batch of {Count} plugs collided with another registration; recording them one by one", identities.Count);
            var plugs = new List<DiscoveredPlug>();
            foreach (var identity in identities)
            {
                if (await TryRecordAsync(identity, method, ct) is { } plug)
                {
                    plugs.Add(plug);
                }
            }

            return plugs;
        }
    }

    private async Task<List<DiscoveredPlug>> WriteBatchAsync(IReadOnlyList<PlugIdentity> identities, string method, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var macs = identities.Select(i => i.Mac).Distinct().ToList();
        var topics = identities.Select(i => i.Topic).OfType<string>().Distinct().ToList();
        var rows = await db.Plugs.Where(p => (p.Mac != null && macs.Contains(p.Mac)) || topics.Contains(p.Topic)).ToListAsync(ct);
        var outcomes = new List<(PlugIdentity Identity, Plug? Row, DiscoveryChange Change)>();
        var created = new List<(Plug Row, PlugIdentity Identity)>();
        var now = time.GetUtcNow();
        foreach (var identity in identities)
        {
            var row = rows.FirstOrDefault(p => p.Mac == identity.Mac)
                      ?? (identity.Topic is { } topic ? rows.FirstOrDefault(p => p.Topic == topic) : null);
            if (row?.Mac is { } knownMac && knownMac != identity.Mac)
            {
                logger.LogWarning("Plug {Mac} at {Endpoint} claims topic {Topic}, which plug {OtherMac} has; not recorded",
                    identity.Mac, identity.HttpEndpoint, identity.Topic, knownMac);
                outcomes.Add((identity, row, DiscoveryChange.TopicConflict));
                continue;
            }

            var change = DiscoveryChange.Updated;
            if (row is null)
            {
                if (identity.Topic is null)
                {
                    outcomes.Add((identity, null, DiscoveryChange.NoTopic));
                    continue;
                }

                row = new Plug { Topic = identity.Topic, Protocol = identity.Protocol, Status = PlugStatus.Pending, FirstSeenAt = now };
                db.Plugs.Add(row);
                rows.Add(row);
                created.Add((row, identity));
                change = DiscoveryChange.New;
            }

            Apply(row, identity);
            outcomes.Add((identity, row, change));
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            db.PlugHistory.AddRange(created.Select(c => new PlugHistoryEntry
            {
                PlugId = c.Row.Id, At = now, Kind = PlugHistoryKind.Discovered, Actor = "plug",
                Detail = $"Seen on {method} at {c.Identity.HttpEndpoint} speaking {c.Row.Protocol}",
            }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        foreach (var (row, _) in created)
        {
            directory.Set(new PlugEntry(row.Id, row.Topic, row.Protocol, row.Status));
            logger.LogInformation("Discovered plug {Topic} ({Protocol}) on {Method}", row.Topic, row.Protocol, method);
        }

        return [.. outcomes.Select(o => new DiscoveredPlug(o.Row?.Id, o.Row?.Topic, o.Row?.Status, o.Change, o.Identity))];
    }

    /// <summary>
    /// Records one plug through the batch path, so both paths match, create and update rows alike. When its write collides
    /// with a registration that came a moment before (MQTT, another search), the second try finds that row and updates it.
    /// </summary>
    private async Task<DiscoveredPlug> RecordAsync(PlugIdentity identity, string method, CancellationToken ct)
    {
        try
        {
            return (await WriteBatchAsync([identity], method, ct))[0];
        }
        catch (DbUpdateException)
        {
            var plug = (await WriteBatchAsync([identity], method, ct))[0];
            // The other registration created the row, but to whoever searched the plug is still new.
            return plug.Change == DiscoveryChange.Updated ? plug with { Change = DiscoveryChange.New } : plug;
        }
    }

    /// <summary>As <see cref="RecordAsync"/>, but a failed write is logged and skipped so one plug cannot end a scan.</summary>
    private async Task<DiscoveredPlug?> TryRecordAsync(PlugIdentity identity, string method, CancellationToken ct)
    {
        try
        {
            return await RecordAsync(identity, method, ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            logger.LogWarning(ex, "Could not record plug {Mac} found by {Method} at {Endpoint}", identity.Mac, method, identity.HttpEndpoint);
            return null;
        }
    }

    /// <summary>
    /// Refreshes the identity of a plug the caller already matched (by id, with the same MAC). Callers arriving together
    /// share a commit: the first becomes the writer and writes, up to <see cref="BatchSize"/> at a time, whatever the
    /// others queued meanwhile, so re-identifying a fleet costs a commit per batch rather than one per plug.
    /// </summary>
    public async Task UpdateAsync(long plugId, PlugIdentity identity, CancellationToken ct)
    {
        var update = new IdentityUpdate(plugId, identity);
        bool writer;
        lock (_updatesGate)
        {
            _updates.Add(update);
            writer = !_writing;
            _writing = true;
        }

        if (writer)
        {
            await WriteUpdatesAsync();
        }

        await update.Done.Task.WaitAsync(ct);
    }

    private async Task WriteUpdatesAsync()
    {
        while (true)
        {
            List<IdentityUpdate> batch;
            lock (_updatesGate)
            {
                if (_updates.Count == 0)
                {
                    _writing = false;
                    return;
                }

                batch = _updates.Take(BatchSize).ToList();
                _updates.RemoveRange(0, batch.Count);
            }

            try
            {
                // Not the first caller's token: the batch carries other callers' updates too.
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
                var ids = batch.Select(u => u.PlugId).Distinct().ToList();
                var rows = await db.Plugs.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
                foreach (var update in batch)
                {
                    if (rows.TryGetValue(update.PlugId, out var row))
                    {
                        Apply(row, update.Identity);
                    }
                }

                await db.SaveChangesAsync();
                batch.ForEach(u => u.Done.TrySetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(u => u.Done.TrySetException(ex));
            }
        }
    }

    private sealed record IdentityUpdate(long PlugId, PlugIdentity Identity)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static void Apply(Plug row, PlugIdentity identity)
    {
        row.Mac = identity.Mac;
        row.Chip = identity.Chip ?? row.Chip;
        row.FirmwareBuild = identity.FirmwareBuild ?? row.FirmwareBuild;
        row.Ip = identity.Ip ?? new Uri(identity.HttpEndpoint).Host;
        row.HttpEndpoint = identity.HttpEndpoint;
        row.OtaPartitionBytes = identity.OtaPartitionBytes ?? row.OtaPartitionBytes;
    }
}
