namespace Hub.Energy.Storage;

/// <summary>Bucket number: local month number (year * 12 + month - 1).</summary>
public sealed class MonthRollup : RollupRow;
