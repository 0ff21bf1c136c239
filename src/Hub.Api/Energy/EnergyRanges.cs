using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Api.Energy;

/// <summary>Range checks shared by the energy endpoints: a missing or reversed range is 400, over ten years 422.</summary>
internal static class EnergyRanges
{
    private const int MaxYears = 10;

    public static ProblemHttpResult? Check(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is null || to is null || to <= from)
        {
            return Invalid("'from' and 'to' are required ISO 8601 instants, and 'to' must be after 'from'.");
        }

        return from.Value.AddYears(MaxYears) < to ? TooLong() : null;
    }

    public static ProblemHttpResult? Check(DateOnly? from, DateOnly? to)
    {
        if (from is null || to is null || to <= from)
        {
            return Invalid("'from' and 'to' are required dates (yyyy-MM-dd, 'to' exclusive) and 'to' must be after 'from'.");
        }

        return from.Value.AddYears(MaxYears) < to ? TooLong() : null;
    }

    /// <summary>Enum query values in any case ("minute", "Minute"); null when absent, a 400 when not a member.</summary>
    public static bool TryParse<T>(string? value, out T? parsed, out ProblemHttpResult? problem)
        where T : struct, Enum
    {
        parsed = null;
        problem = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (Enum.TryParse<T>(value, ignoreCase: true, out var member) && Enum.IsDefined(member))
        {
            parsed = member;
            return true;
        }

        problem = Invalid($"'{value}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
        return false;
    }

    public static ProblemHttpResult UnknownPlug(long plugId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Unknown plug",
        detail: $"Plug {plugId} has never sent a reading.");

    private static ProblemHttpResult Invalid(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "Bad range", detail: detail);

    private static ProblemHttpResult TooLong() => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, title: "Range too long",
        detail: $"Ranges are limited to {MaxYears} years.");
}
