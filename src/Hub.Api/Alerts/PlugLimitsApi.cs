using Hub.Devices.Alerts;
using Hub.Devices.Fleet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Alerts;

/// <summary>Per-plug alert limits (power, offline time, daily energy budget) over the defaults in <c>Alerts:*</c>.</summary>
internal static class PlugLimitsApi
{
    public static void MapPlugLimits(this RouteGroupBuilder group)
    {
        group.MapGet("/limits", async (DevicesDb db, PlugLimitsRegistry registry, CancellationToken ct) =>
            TypedResults.Ok((await db.PlugLimits.AsNoTracking().OrderBy(l => l.PlugId).Select(l => l.PlugId).ToListAsync(ct))
                .Select(id => PlugLimitsView.From(id, registry)).ToList()));
        group.MapGet("/limits/{plugId:long}", async Task<Results<Ok<PlugLimitsView>, NotFound>> (
            long plugId, DevicesDb db, PlugLimitsRegistry registry, CancellationToken ct) =>
            await db.Plugs.AnyAsync(p => p.Id == plugId, ct)
                ? TypedResults.Ok(PlugLimitsView.From(plugId, registry)) : TypedResults.NotFound());
        group.MapPut("/limits/{plugId:long}", PutAsync);
        group.MapDelete("/limits/{plugId:long}", async Task<Results<NoContent, NotFound>> (
            long plugId, DevicesDb db, PlugLimitsRegistry registry, CancellationToken ct) =>
        {
            var deleted = await db.PlugLimits.Where(l => l.PlugId == plugId).ExecuteDeleteAsync(ct);
            await registry.ReloadAsync(ct);
            return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
        });
    }

    private static async Task<Results<Ok<PlugLimitsView>, NotFound>> PutAsync(
        long plugId, PlugLimitsRequest request, DevicesDb db, PlugLimitsRegistry registry, CancellationToken ct)
    {
        if (!await db.Plugs.AnyAsync(p => p.Id == plugId, ct))
        {
            return TypedResults.NotFound();
        }

        var limits = await db.PlugLimits.FirstOrDefaultAsync(l => l.PlugId == plugId, ct);
        if (limits is null)
        {
            limits = new PlugLimits { PlugId = plugId };
            db.PlugLimits.Add(limits);
        }

        limits.PowerLimitW = request.PowerLimitW;
        limits.OfflineAfterSeconds = request.OfflineAfterSeconds;
        limits.DailyEnergyBudgetKwh = request.DailyEnergyBudgetKwh;
        await db.SaveChangesAsync(ct);
        await registry.ReloadAsync(ct);
        return TypedResults.Ok(PlugLimitsView.From(plugId, registry));
    }
}
