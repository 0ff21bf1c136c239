namespace Hub.Devices.Fleet.Events;

/// <summary>Progress of a firmware transfer as the plug reports it.</summary>
public sealed record OtaProgressReported : PlugEvent
{
    public required string State { get; init; }

    public int? Percent { get; init; }

    public string? Detail { get; init; }
}
