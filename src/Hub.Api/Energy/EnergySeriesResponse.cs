using Hub.Energy.Queries;

namespace Hub.Api.Energy;

public sealed record EnergySeriesResponse(
    long PlugId, string Resolution, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SeriesPoint> Points);
