namespace Hub.Energy.Storage;

/// <summary>Bucket number: local day number (DateOnly.DayNumber in the owner's zone).</summary>
public sealed class DayRollup : RollupRow;
