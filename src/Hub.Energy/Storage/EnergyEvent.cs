namespace Hub.Energy.Storage;

/// <summary>Something odd the counter did, kept so owners can see why a total differs from the plug's display.</summary>
public sealed class EnergyEvent
{
    public long Id { get; set; }

    public long PlugId { get; set; }

    public long AtS { get; set; }

    public EnergyEventKind Kind { get; set; }

    public long? PreviousCounterMwh { get; set; }

    public long CounterMwh { get; set; }

    public long AddedMwh { get; set; }

    public long IgnoredMwh { get; set; }
}
