namespace Hub.Energy.Queries;

public sealed record PlugTotal(long PlugId, double EnergyKwh, decimal? Cost, string? Currency);
