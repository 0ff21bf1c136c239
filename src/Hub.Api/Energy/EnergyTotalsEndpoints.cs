using Hub.Energy.Ingest;
using Hub.Energy.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Api.Energy;

internal static class EnergyTotalsEndpoints
{
    public static async Task<Results<Ok<PlugSummary>, ProblemHttpResult>> SummaryAsync(
        long plugId, EnergyQueries queries, EnergyTotals totals, CancellationToken ct) =>
        await queries.SummaryAsync(plugId, totals, ct) is { } summary
            ? TypedResults.Ok(summary)
            : EnergyRanges.UnknownPlug(plugId);

    public static async Task<Results<Ok<List<EnergyTotal>>, ProblemHttpResult>> PlugTotalsAsync(
        long plugId, DateOnly? from, DateOnly? to, string? period, EnergyQueries queries, EnergyTotals totals,
        CancellationToken ct)
    {
        if (EnergyRanges.Check(from, to) is { } problem)
        {
            return problem;
        }

        if (!EnergyRanges.TryParse<TotalPeriod>(period, out var level, out var bad))
        {
            return bad!;
        }

        if (!await queries.IsKnownAsync(plugId, ct))
        {
            return EnergyRanges.UnknownPlug(plugId);
        }

        return TypedResults.Ok(await totals.TotalsAsync(plugId, from!.Value, to!.Value, level ?? TotalPeriod.Day, ct));
    }

    public static async Task<Results<Ok<List<EnergyTotal>>, ProblemHttpResult>> FleetTotalsAsync(
        DateOnly? from, DateOnly? to, string? period, EnergyTotals totals, CancellationToken ct)
    {
        if (EnergyRanges.Check(from, to) is { } problem)
        {
            return problem;
        }

        if (!EnergyRanges.TryParse<TotalPeriod>(period, out var level, out var bad))
        {
            return bad!;
        }

        return TypedResults.Ok(await totals.TotalsAsync(null, from!.Value, to!.Value, level ?? TotalPeriod.Day, ct));
    }

    public static async Task<Results<Ok<List<PlugTotal>>, ProblemHttpResult>> TopAsync(
        DateOnly? from, DateOnly? to, int? count, EnergyTotals totals, CancellationToken ct) =>
        EnergyRanges.Check(from, to) is { } problem
            ? problem
            : TypedResults.Ok(await totals.TopAsync(from!.Value, to!.Value, Math.Clamp(count ?? 10, 1, 100), ct));

    public static async Task<Results<Ok<List<EnergyEventResponse>>, ProblemHttpResult>> EventsAsync(
        long plugId, EnergyQueries queries, CancellationToken ct)
    {
        if (!await queries.IsKnownAsync(plugId, ct))
        {
            return EnergyRanges.UnknownPlug(plugId);
        }

        var events = await queries.EventsAsync(plugId, ct);
        return TypedResults.Ok(events.Select(e => new EnergyEventResponse(DateTimeOffset.FromUnixTimeSeconds(e.AtS),
            e.Kind.ToString(), e.PreviousCounterMwh / 1000.0, e.CounterMwh / 1000.0, e.AddedMwh / 1000.0,
            e.IgnoredMwh / 1000.0)).ToList());
    }

    public static Ok<IngestStatsResponse> Ingest(IngestStats stats) => TypedResults.Ok(
        new IngestStatsResponse(stats.Stored, stats.Batches, stats.FailedBatches, stats.RefusedTotal, stats.Refused()));
}
