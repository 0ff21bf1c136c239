namespace Hub.Energy.Storage;

/// <summary>Bucket number: Unix minute (UTC).</summary>
public sealed class MinuteRollup : RollupRow;
