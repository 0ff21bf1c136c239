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
internal sealed class DiscoveryRegistrar(PlugDirectory directory, IServiceScopeFactory scopes, ILogger<DiscoveryRegistrar> logger)
{
    public async Task<DiscoveredPlug> RecordAsync(PlugIdentity identity, string method, CancellationToken ct)
    {
        await directory.Loaded.WaitAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var topic = identity.Topic;
        var candidates = await db.Plugs.Where(p => p.Mac == identity.Mac || (topic != null && p.Topic == topic)).ToListAsync(ct);
        var row = candidates.FirstOrDefault(p => p.Mac == identity.Mac) ?? candidates.FirstOrDefault(p => p.Topic == topic);
        if (row?.Mac is { } knownMac && knownMac != identity.Mac)
        {
            logger.LogWarning("Plug {Mac} at {Endpoint} claims topic {Topic}, which plug {OtherMac} has; not recorded",
                identity.Mac, identity.HttpEndpoint, topic, knownMac);
            return new DiscoveredPlug(row.Id, row.Topic, row.Status, DiscoveryChange.TopicConflict, identity);
        }

        var change = DiscoveryChange.Updated;
        if (row is null)
        {
            if (topic is null)
            {
                return new DiscoveredPlug(null, null, null, DiscoveryChange.NoTopic, identity);
            }

            // The identity goes into the new row in the registration's own commit: a thousand plugs found at once
            // then cost a thousand commits, not two thousand (SQLite takes them one at a time).
            var (entry, created) = await directory.RegisterAsync(topic, identity.Protocol, $"{method} at {identity.HttpEndpoint}",
                plug => Apply(plug, identity), ct);
            if (created)
            {
                return new DiscoveredPlug(entry.Id, entry.Topic, entry.Status, DiscoveryChange.New, identity);
            }

            // MQTT (or another search) registered it a moment before us: update that row like any known one.
            row = await db.Plugs.SingleAsync(p => p.Id == entry.Id, ct);
            change = DiscoveryChange.New;
        }

        Apply(row, identity);
        await db.SaveChangesAsync(ct);
        return new DiscoveredPlug(row.Id, row.Topic, row.Status, change, identity);
    }

    /// <summary>As <see cref="RecordAsync"/>, but a failed write is logged and skipped so one plug cannot end a scan.</summary>
    public async Task<DiscoveredPlug?> TryRecordAsync(PlugIdentity identity, string method, CancellationToken ct)
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

    /// <summary>Refreshes the identity of a plug the caller already matched (by id, with the same MAC).</summary>
    public async Task UpdateAsync(long plugId, PlugIdentity identity, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        if (await db.Plugs.FirstOrDefaultAsync(p => p.Id == plugId, ct) is { } row)
        {
            Apply(row, identity);
            await db.SaveChangesAsync(ct);
        }
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
