using Hub.Energy.Ingest;
using Hub.Energy.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Api.Energy;

internal static class PlugMaxPowerEndpoints
{
    public static async Task<Results<Ok<PlugMaxPowerResponse>, ProblemHttpResult>> GetAsync(
        long plugId, EnergyQueries queries, PlugPowerLimits limits, CancellationToken ct) =>
        await queries.IsKnownAsync(plugId, ct)
            ? TypedResults.Ok(Response(plugId, limits))
            : EnergyRanges.UnknownPlug(plugId);

    public static async Task<Results<Ok<PlugMaxPowerResponse>, ProblemHttpResult>> SetAsync(
        long plugId, PlugMaxPowerRequest request, PlugPowerLimits limits, CancellationToken ct) =>
        await limits.SetAsync(plugId, request.MaxPowerW, ct)
            ? TypedResults.Ok(Response(plugId, limits))
            : EnergyRanges.UnknownPlug(plugId);

    private static PlugMaxPowerResponse Response(long plugId, PlugPowerLimits limits) =>
        new(plugId, limits.For(plugId), !limits.IsSet(plugId));
}
