namespace Hub.Api.Energy;

/// <summary>Energy of every plug that used any since local midnight of <see cref="Day"/> (the energy time zone's).</summary>
public sealed record TodayEnergyResponse(DateOnly Day, IReadOnlyList<PlugEnergyToday> Plugs);
