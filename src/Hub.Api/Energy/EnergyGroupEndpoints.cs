using Hub.Devices.Fleet;
using Hub.Energy.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Energy;

/// <summary>
/// Energy and cost per day or month of a group's or a tag's plugs. Groups and tags belong to the fleet registry, so the
/// plugs are looked up there and their totals summed here; the energy module knows plug ids only.
/// </summary>
internal static class EnergyGroupEndpoints
{
    public static async Task<Results<Ok<List<EnergyTotal>>, ProblemHttpResult>> GroupTotalsAsync(
        string group, DateOnly? from, DateOnly? to, string? period, DevicesDb devices, EnergyTotals totals,
        CancellationToken ct)
    {
        var plugs = await devices.Plugs.AsNoTracking().Where(p => p.Group == group).Select(p => p.Id).ToListAsync(ct);
        return await TotalsAsync(plugs, "group", group, from, to, period, totals, ct);
    }

    public static async Task<Results<Ok<List<EnergyTotal>>, ProblemHttpResult>> TagTotalsAsync(
        string tag, DateOnly? from, DateOnly? to, string? period, DevicesDb devices, EnergyTotals totals,
        CancellationToken ct)
    {
        // Tags are a JSON list column: matched here, case-insensitively as everywhere else in the hub.
        var plugs = (await devices.Plugs.AsNoTracking().Select(p => new { p.Id, p.Tags }).ToListAsync(ct))
            .Where(p => p.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase)).Select(p => p.Id).ToList();
        return await TotalsAsync(plugs, "tag", tag, from, to, period, totals, ct);
    }

    private static async Task<Results<Ok<List<EnergyTotal>>, ProblemHttpResult>> TotalsAsync(List<long> plugs,
        string kind, string name, DateOnly? from, DateOnly? to, string? period, EnergyTotals totals, CancellationToken ct)
    {
        if (EnergyRanges.Check(from, to) is { } problem)
        {
            return problem;
        }

        if (!EnergyRanges.TryParse<TotalPeriod>(period, out var level, out var bad))
        {
            return bad!;
        }

        if (plugs.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown {kind}",
                detail: $"No plug has the {kind} '{name}'.");
        }

        return TypedResults.Ok(await totals.PlugSetTotalsAsync(plugs, from!.Value, to!.Value, level ?? TotalPeriod.Day, ct));
    }
}
