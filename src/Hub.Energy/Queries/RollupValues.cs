namespace Hub.Energy.Queries;

/// <summary>A rollup row as a query reads it, without entity materialisation.</summary>
internal sealed record RollupValues(
    long Key,
    long EnergyMwh,
    int Samples,
    int PowerSamples,
    long PowerSumDw,
    int? MinPowerDw,
    int? MaxPowerDw,
    int? MinVoltageDv,
    int? MaxVoltageDv,
    int? MinCurrentMa,
    int? MaxCurrentMa,
    int OnlineMinutes);
