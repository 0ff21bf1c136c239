namespace Hub.Api.Energy;

/// <summary>A counter reset or glitch; <see cref="IgnoredWh"/> is what was kept out of the plug's total.</summary>
public sealed record EnergyEventResponse(
    DateTimeOffset At, string Kind, double? PreviousCounterWh, double CounterWh, double AddedWh, double IgnoredWh);
