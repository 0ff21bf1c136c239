namespace Hub.Energy.Ingest;

/// <summary>Where a plug's counter stands; the in-memory twin of an <c>EnergyPlugs</c> row.</summary>
internal sealed record CounterState(
    long PlugId,
    long FirstSeenS,
    long? LastCounterS,
    long? LastCounterMwh,
    long LifetimeMwh,
    long? GlitchBaseS,
    long? GlitchBaseMwh,
    bool StampedByPlug = false);
