namespace Hub.Energy.Storage;

/// <summary>One BL0937 sample of one plug as the plug reported it.</summary>
public sealed class Reading
{
    public required string PlugId { get; set; }

    /// <summary>Milliseconds since the Unix epoch: compact, sortable, and the same on every database provider.</summary>
    public long TimeUnixMs { get; set; }

    public double? VoltageV { get; set; }

    public double? CurrentA { get; set; }

    public double? PowerW { get; set; }

    public double? CounterWh { get; set; }
}
