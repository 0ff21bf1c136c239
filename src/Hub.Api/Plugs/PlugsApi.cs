using Hub.Devices.Fleet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Plugs;

/// <summary>Reading the fleet: lists, one plug, its history; renaming and tagging.</summary>
public static class PlugsApi
{
    public static RouteGroupBuilder MapPlugsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/plugs").WithTags("Plugs");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapGet("/{id:long}/history", HistoryAsync);
        group.MapPatch("/{id:long}", UpdateAsync);
        group.MapPlugCommands();
        return group;
    }

    private static async Task<Ok<PlugPage>> ListAsync(DevicesDb db, CancellationToken ct,
        string? status = null, string? tag = null, string? group = null, string? search = null, bool? online = null,
        int page = 1, int pageSize = 100)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, 1000);
        var query = db.Plugs.AsNoTracking();
        if (Enum.TryParse<PlugStatus>(status, ignoreCase: true, out var wanted))
        {
            query = query.Where(p => p.Status == wanted);
        }

        if (!string.IsNullOrEmpty(group))
        {
            query = query.Where(p => p.Group == group);
        }

        if (!string.IsNullOrEmpty(search))
        {
            query = query.Where(p => p.Topic.Contains(search) || (p.Name != null && p.Name.Contains(search)));
        }

        // Tags and live state are small JSON columns: filtered here so the query stays the same on every provider.
        var plugs = (await query.OrderBy(p => p.Id).ToListAsync(ct))
            .Where(p => tag is null || p.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            .Where(p => online is null || p.State.Online == online)
            .ToList();
        var items = plugs.Skip((page - 1) * pageSize).Take(pageSize).Select(PlugSummary.From).ToList();
        return TypedResults.Ok(new PlugPage(items, plugs.Count, page, pageSize));
    }

    private static async Task<Results<Ok<PlugDetails>, NotFound>> GetAsync(long id, DevicesDb db, CancellationToken ct)
    {
        var plug = await db.Plugs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plug is null)
        {
            return TypedResults.NotFound();
        }

        var desired = await db.DesiredRelays.AsNoTracking().Where(d => d.PlugId == id).OrderBy(d => d.Channel)
            .Select(d => new DesiredRelayView(d.Channel, d.Mode.ToString(), d.LastCommandedOn)).ToListAsync(ct);
        return TypedResults.Ok(new PlugDetails(PlugSummary.From(plug), plug.Chip, plug.Mac, plug.Ip, plug.OtaPartitionBytes,
            plug.FirstSeenAt, plug.AdoptedAt, plug.State, desired));
    }

    private static async Task<Results<Ok<List<HistoryItem>>, NotFound>> HistoryAsync(
        long id, DevicesDb db, CancellationToken ct, int limit = 200)
    {
        if (!await db.Plugs.AnyAsync(p => p.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var items = await db.PlugHistory.AsNoTracking().Where(h => h.PlugId == id).OrderByDescending(h => h.Id)
            .Take(Math.Clamp(limit, 1, 5000))
            .Select(h => new HistoryItem(h.Id, h.At, h.Kind.ToString(), h.Detail, h.Actor)).ToListAsync(ct);
        return TypedResults.Ok(items);
    }

    private static async Task<Results<Ok<PlugSummary>, NotFound>> UpdateAsync(
        long id, UpdatePlugRequest request, DevicesDb db, CancellationToken ct)
    {
        var plug = await db.Plugs.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plug is null)
        {
            return TypedResults.NotFound();
        }

        plug.Name = request.Name ?? plug.Name;
        plug.Group = request.Group ?? plug.Group;
        if (request.Tags is not null)
        {
            plug.Tags = [.. request.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PlugSummary.From(plug));
    }
}
