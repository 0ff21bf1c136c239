using System.Collections.Concurrent;
using Hub.Devices.Protocols;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Fleet;

/// <summary>
/// Topic → plug lookups for the message path. A cache in front of the database, which stays the truth: rows are
/// written first, so several hub instances (or a restart) rebuild the same picture.
/// </summary>
public sealed class PlugDirectory(IServiceScopeFactory scopes, TimeProvider time, ILogger<PlugDirectory> logger)
{
    private readonly ConcurrentDictionary<string, PlugEntry> _byTopic = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, PlugEntry> _byId = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Loaded => _loaded.Task;

    public int Count => _byTopic.Count;

    public IEnumerable<PlugEntry> All => _byId.Values;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var plugs = await db.Plugs.AsNoTracking()
            .Select(p => new PlugEntry(p.Id, p.Topic, p.Protocol, p.Status))
            .ToListAsync(cancellationToken);
        foreach (var plug in plugs)
        {
            Set(plug);
        }

        _loaded.TrySetResult();
    }

    public PlugEntry? Find(string topic) => _byTopic.GetValueOrDefault(topic);

    public PlugEntry? FindById(long id) => _byId.GetValueOrDefault(id);

    /// <summary>Adds a plug seen for the first time as pending, or returns the one already known.</summary>
    public Task<PlugEntry> RegisterAsync(string topic, PlugProtocolKind protocol, CancellationToken cancellationToken) =>
        RegisterAsync(topic, protocol, "MQTT", cancellationToken);

    /// <summary>As above, saying in the history where the plug was seen (e.g. "SSDP at http://192.168.1.40").</summary>
    public async Task<PlugEntry> RegisterAsync(string topic, PlugProtocolKind protocol, string seenOn, CancellationToken cancellationToken) =>
        (await RegisterAsync(topic, protocol, seenOn, fill: null, cancellationToken)).Entry;

    /// <summary>
    /// As above; <paramref name="fill"/> writes more columns (discovery's identity) into a new row in the same commit.
    /// Created is false when the plug was known already (then nothing was filled in).
    /// </summary>
    internal async Task<(PlugEntry Entry, bool Created)> RegisterAsync(
        string topic, PlugProtocolKind protocol, string seenOn, Action<Plug>? fill, CancellationToken cancellationToken)
    {
        if (Find(topic) is { } known)
        {
            return (known, false);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var now = time.GetUtcNow();
        var plug = new Plug { Topic = topic, Protocol = protocol, Status = PlugStatus.Pending, FirstSeenAt = now };
        fill?.Invoke(plug);
        db.Plugs.Add(plug);
        var created = true;
        try
        {
            // One commit for the row and its first history entry: registration sits on the message path.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.PlugHistory.Add(new PlugHistoryEntry
            {
                PlugId = plug.Id, At = now, Kind = PlugHistoryKind.Discovered, Actor = "plug",
                Detail = $"Seen on {seenOn} speaking {protocol}",
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Discovered plug {Topic} ({Protocol}) on {SeenOn}", topic, protocol, seenOn);
        }
        catch (DbUpdateException)
        {
            // Another instance (or message) registered it first; the unique topic index keeps one row.
            db.ChangeTracker.Clear();
            plug = await db.Plugs.AsNoTracking().FirstAsync(p => p.Topic == topic, cancellationToken);
            created = false;
        }

        var entry = _byTopic.GetOrAdd(topic, new PlugEntry(plug.Id, plug.Topic, plug.Protocol, plug.Status));
        _byId[entry.Id] = entry;
        return (entry, created);
    }

    /// <summary>
    /// Registers many plugs seen for the first time in one transaction, returning each one's entry in the order given
    /// (null where even the one-by-one retry failed). SQLite commits one at a time, so a fleet that connects at once
    /// costs a commit per batch instead of a commit per plug.
    /// </summary>
    internal async Task<PlugEntry?[]> RegisterManyAsync(
        IReadOnlyList<(string Topic, PlugProtocolKind Protocol)> plugs, string seenOn, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteManyAsync(plugs, seenOn, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another instance or HTTP discovery inserted one of the topics between our read and our commit.
            logger.LogDebug(ex, "A batch of {Count} registrations collided with another; registering them one by one", plugs.Count);
            var entries = new PlugEntry?[plugs.Count];
            for (var i = 0; i < plugs.Count; i++)
            {
                try
                {
                    entries[i] = await RegisterAsync(plugs[i].Topic, plugs[i].Protocol, seenOn, cancellationToken);
                }
                catch (DbUpdateException retry)
                {
                    logger.LogWarning(retry, "Could not register plug {Topic}", plugs[i].Topic);
                }
            }

            return entries;
        }
    }

    private async Task<PlugEntry?[]> WriteManyAsync(
        IReadOnlyList<(string Topic, PlugProtocolKind Protocol)> plugs, string seenOn, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var unknown = plugs.Select(p => p.Topic).Where(t => Find(t) is null).Distinct(StringComparer.Ordinal).ToList();
        // Rows that exist without being cached here were written by another instance: take them as they are.
        var existing = await db.Plugs.AsNoTracking().Where(p => unknown.Contains(p.Topic)).ToListAsync(cancellationToken);
        var rows = existing.ToDictionary(p => p.Topic, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var created = new List<Plug>();
        foreach (var (topic, protocol) in plugs)
        {
            if (Find(topic) is null && !rows.ContainsKey(topic))
            {
                var plug = new Plug { Topic = topic, Protocol = protocol, Status = PlugStatus.Pending, FirstSeenAt = now };
                rows[topic] = plug;
                created.Add(plug);
            }
        }

        if (created.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Plugs.AddRange(created);
            await db.SaveChangesAsync(cancellationToken);
            db.PlugHistory.AddRange(created.Select(p => new PlugHistoryEntry
            {
                PlugId = p.Id, At = now, Kind = PlugHistoryKind.Discovered, Actor = "plug", Detail = $"Seen on {seenOn} speaking {p.Protocol}",
            }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var plug in created)
        {
            logger.LogInformation("Discovered plug {Topic} ({Protocol}) on {SeenOn}", plug.Topic, plug.Protocol, seenOn);
        }

        return [.. plugs.Select(p => Find(p.Topic) ?? Add(rows[p.Topic]))];
    }

    private PlugEntry Add(Plug row)
    {
        var entry = _byTopic.GetOrAdd(row.Topic, new PlugEntry(row.Id, row.Topic, row.Protocol, row.Status));
        _byId[entry.Id] = entry;
        return entry;
    }

    /// <summary>Refreshes one entry after its row changed (adoption, removal).</summary>
    public void Set(PlugEntry entry)
    {
        _byTopic[entry.Topic] = entry;
        _byId[entry.Id] = entry;
    }
}
