namespace Hub.Devices.Fleet.Events;

/// <summary>A plug's answer to a command (<c>stat/&lt;T&gt;/RESULT</c>), raw so callers waiting for it can match it.</summary>
public sealed record CommandResultReported : PlugEvent
{
    public required string Payload { get; init; }
}
