using System.Globalization;
using System.Text;
using Hub.Energy.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Api.Energy;

internal static class EnergySeriesEndpoints
{
    /// <summary>JSON answers beyond this many points are refused; the CSV export streams any number.</summary>
    private const int MaxJsonPoints = 100_000;

    public static async Task<Results<Ok<EnergySeriesResponse>, ProblemHttpResult>> SeriesAsync(
        long plugId, DateTimeOffset? from, DateTimeOffset? to, string? resolution, EnergyQueries queries,
        CancellationToken ct)
    {
        if (await CheckAsync(plugId, from, to, queries, ct) is { } problem)
        {
            return problem;
        }

        if (!EnergyRanges.TryParse<Resolution>(resolution, out var asked, out var bad))
        {
            return bad!;
        }

        var level = Pick(asked, from!.Value, to!.Value, queries);
        if (EnergyQueries.EstimatePoints(level, from.Value, to.Value) > MaxJsonPoints)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Too many points",
                detail: $"More than {MaxJsonPoints} points at {level} resolution; use a coarser one or the CSV export.");
        }

        var points = await queries.SeriesAsync(plugId, from.Value, to.Value, level, ct).ToListAsync(ct);
        return TypedResults.Ok(new EnergySeriesResponse(plugId, level.ToString(), from.Value, to.Value, points));
    }

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportAsync(
        long plugId, DateTimeOffset? from, DateTimeOffset? to, string? resolution, EnergyQueries queries,
        CancellationToken ct)
    {
        if (await CheckAsync(plugId, from, to, queries, ct) is { } problem)
        {
            return problem;
        }

        if (!EnergyRanges.TryParse<Resolution>(resolution, out var asked, out var bad))
        {
            return bad!;
        }

        var level = Pick(asked, from!.Value, to!.Value, queries);
        var name = string.Create(CultureInfo.InvariantCulture, $"plug-{plugId}-{from.Value:yyyyMMdd}-{level}.csv")
            .ToLowerInvariant();
        return TypedResults.Stream(
            body => WriteCsvAsync(body, queries.SeriesAsync(plugId, from.Value, to.Value, level, ct), ct),
            "text/csv; charset=utf-8", name);
    }

    private static async Task WriteCsvAsync(Stream body, IAsyncEnumerable<SeriesPoint> points, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 64 * 1024);
        await writer.WriteLineAsync("time,energy_wh,avg_w,min_w,max_w,min_v,max_v,min_a,max_a,samples,online_share,counter_wh");
        var lines = 0;
        await foreach (var p in points.WithCancellation(ct))
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{p.At:yyyy-MM-ddTHH:mm:sszzz},{p.EnergyWh:0.###},{p.AvgW:0.#},{p.MinW:0.#},{p.MaxW:0.#},{p.MinV:0.#},{p.MaxV:0.#},{p.MinA:0.###},{p.MaxA:0.###},{p.Samples},{p.OnlineShare:0.####},{p.CounterWh:0.###}"));

            // Flushing every few thousand rows keeps memory flat however long the export is.
            if (++lines % 4096 == 0)
            {
                await writer.FlushAsync(ct);
            }
        }
    }

    private static async Task<ProblemHttpResult?> CheckAsync(
        long plugId, DateTimeOffset? from, DateTimeOffset? to, EnergyQueries queries, CancellationToken ct) =>
        EnergyRanges.Check(from, to)
        ?? (await queries.IsKnownAsync(plugId, ct) ? null : EnergyRanges.UnknownPlug(plugId));

    private static Resolution Pick(Resolution? asked, DateTimeOffset from, DateTimeOffset to, EnergyQueries queries) =>
        asked is null or Resolution.Auto ? queries.Choose(from, to) : asked.Value;
}
