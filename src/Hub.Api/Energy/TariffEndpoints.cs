using Hub.Energy.Storage;
using Hub.Energy.Tariffs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Energy;

internal static class TariffEndpoints
{
    public static async Task<Ok<List<TariffResponse>>> ListAsync(EnergyDb db, CancellationToken ct)
    {
        var tariffs = await db.Tariffs.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(tariffs.OrderBy(t => t.ValidFrom).Select(ToResponse).ToList());
    }

    public static async Task<Results<Created<TariffResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        TariffRequest request, EnergyDb db, CancellationToken ct)
    {
        if (CoverageError(request.Periods) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["periods"] = [error] });
        }

        if (await db.Tariffs.AnyAsync(t => t.ValidFrom == request.ValidFrom, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Tariff exists",
                detail: $"A tariff already starts on {request.ValidFrom:yyyy-MM-dd}; delete it first.");
        }

        var tariff = new Tariff
        {
            ValidFrom = request.ValidFrom,
            Currency = request.Currency,
            DailyFee = request.DailyFee,
            Periods = [.. request.Periods.Select(p => new TariffPeriod
            {
                Weekdays = p.Weekdays, StartMinute = p.StartMinute, EndMinute = p.EndMinute, PricePerKwh = p.PricePerKwh,
            })],
        };
        db.Tariffs.Add(tariff);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/energy/tariffs/{tariff.Id}", ToResponse(tariff));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(long id, EnergyDb db, CancellationToken ct) =>
        await db.Tariffs.Where(t => t.Id == id).ExecuteDeleteAsync(ct) == 1 ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>Every weekday must be covered from 00:00 to 24:00 without overlaps, on whole hours.</summary>
    private static string? CoverageError(List<TariffPeriodRequest> periods)
    {
        if (periods.Any(p => p.StartMinute % 60 != 0 || p.EndMinute % 60 != 0 || p.EndMinute <= p.StartMinute))
        {
            return "Periods start and end on whole hours, and each ends after it starts.";
        }

        for (var day = 0; day < 7; day++)
        {
            var minute = 0;
            foreach (var period in periods.Where(p => (p.Weekdays & (1 << day)) != 0).OrderBy(p => p.StartMinute))
            {
                if (period.StartMinute != minute)
                {
                    return $"Weekday {day + 1} (1 = Monday) has a gap or an overlap at minute {minute}.";
                }

                minute = period.EndMinute;
            }

            if (minute != 1440)
            {
                return $"Weekday {day + 1} (1 = Monday) is not covered until midnight.";
            }
        }

        return null;
    }

    private static TariffResponse ToResponse(Tariff t) => new(t.Id, t.ValidFrom, t.Currency, t.DailyFee,
        [.. t.Periods.OrderBy(p => p.Weekdays).ThenBy(p => p.StartMinute)
            .Select(p => new TariffPeriodRequest(p.Weekdays, p.StartMinute, p.EndMinute, p.PricePerKwh))]);
}
