namespace Hub.Energy.Queries;

/// <summary>Energy and cost of one local day or month; cost is null when no tariff applies.</summary>
public sealed record EnergyTotal(DateOnly Period, double EnergyKwh, decimal? Cost, string? Currency);
