namespace Hub.Energy.Storage;

/// <summary>Bucket number: Unix hour (UTC).</summary>
public sealed class HourRollup : RollupRow;
