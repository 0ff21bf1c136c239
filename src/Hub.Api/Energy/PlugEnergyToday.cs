namespace Hub.Api.Energy;

public sealed record PlugEnergyToday(long PlugId, double EnergyWh);
