namespace Hub.Energy.Storage;

/// <summary>
/// The aggregate every rollup level keeps. <see cref="Key"/> packs the plug and the bucket number (see
/// <see cref="ReadingKey"/>); average power is <see cref="PowerSumDw"/> / <see cref="PowerSamples"/> so levels add up.
/// </summary>
public abstract class RollupRow
{
    public long Key { get; set; }

    public long EnergyMwh { get; set; }

    public int Samples { get; set; }

    public int PowerSamples { get; set; }

    public long PowerSumDw { get; set; }

    public int? MinPowerDw { get; set; }

    public int? MaxPowerDw { get; set; }

    public int? MinVoltageDv { get; set; }

    public int? MaxVoltageDv { get; set; }

    public int? MinCurrentMa { get; set; }

    public int? MaxCurrentMa { get; set; }

    /// <summary>Minutes in the bucket with at least one reading; the online share is this over the bucket's minutes.</summary>
    public int OnlineMinutes { get; set; }
}
