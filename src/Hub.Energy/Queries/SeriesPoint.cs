namespace Hub.Energy.Queries;

/// <summary>
/// One point of a series. For raw readings min, average and max power are the one reading, and
/// <see cref="CounterWh"/> is the plug's own counter; for rollups <see cref="OnlineShare"/> is the share of the
/// bucket's minutes that had readings.
/// </summary>
public sealed record SeriesPoint(
    DateTimeOffset At,
    double EnergyWh,
    double? AvgW,
    double? MinW,
    double? MaxW,
    double? MinV,
    double? MaxV,
    double? MinA,
    double? MaxA,
    int Samples,
    double OnlineShare,
    double? CounterWh);
