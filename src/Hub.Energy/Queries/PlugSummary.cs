namespace Hub.Energy.Queries;

/// <summary>Today and this month in the owner's time zone, as far as the rollups have got (at most a minute behind).</summary>
public sealed record PlugSummary(
    long PlugId,
    double LifetimeKwh,
    double? LastCounterWh,
    DateTimeOffset? LastCounterAt,
    double TodayKwh,
    decimal? TodayCost,
    double MonthKwh,
    decimal? MonthCost,
    string? Currency);
