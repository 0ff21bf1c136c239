namespace Hub.Energy.Storage;

/// <summary>
/// The one row saying how far hour blocks are packed: every UTC day up to <see cref="PackedThroughDay"/> has its blocks,
/// and the rollup job rebuilds them when late readings change that day. Later days are read from hour rows.
/// </summary>
public sealed class HourBlockWatermark
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>A UTC day number (Unix hour / 24).</summary>
    public long PackedThroughDay { get; set; }
}
