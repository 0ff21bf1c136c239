using System.ComponentModel.DataAnnotations;

namespace Hub.Energy;

/// <summary>The <c>Energy</c> section: meter limits, the owner's time zone, retention and ingest sizing.</summary>
public sealed class EnergyOptions
{
    public const string Section = "Energy";

    /// <summary>IANA or Windows zone id for day and month boundaries; empty means the machine's own zone.</summary>
    public string TimeZone { get; set; } = "";

    /// <summary>The most a plug can deliver: 16 A at 230 V. Counter jumps beyond this over their interval are glitches.</summary>
    [Range(1, 100_000)]
    public double MaxPowerW { get; set; } = 3680;

    /// <summary>Counter rounding the glitch check forgives (OpenBeken publishes whole or tenth Wh).</summary>
    [Range(0, 1000)]
    public double CounterSlackWh { get; set; } = 1;

    [Range(1, 1000)]
    public double MaxVoltageV { get; set; } = 300;

    /// <summary>Plugs whose meters may report negative power (for example behind a solar inverter).</summary>
    public long[] AllowNegativePowerPlugs { get; set; } = [];

    [Range(0, 86_400)]
    public int MaxFutureSeconds { get; set; } = 300;

    [Range(1, 3650)]
    public int RawRetentionDays { get; set; } = 35;

    /// <summary>Minute rollups are the largest rollup level; hour, day and month rollups are kept forever.</summary>
    [Range(1, 36_500)]
    public int MinuteRetentionDays { get; set; } = 730;

    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 16_000;

    [Range(16, 1_000_000)]
    public int ChannelCapacity { get; set; } = 64_000;

    public TimeZoneInfo Zone() =>
        string.IsNullOrWhiteSpace(TimeZone) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
