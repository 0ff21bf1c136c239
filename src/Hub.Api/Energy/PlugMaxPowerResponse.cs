namespace Hub.Api.Energy;

/// <summary>The limit in force for a plug and whether it is the configured default.</summary>
public sealed record PlugMaxPowerResponse(long PlugId, double MaxPowerW, bool IsDefault);
