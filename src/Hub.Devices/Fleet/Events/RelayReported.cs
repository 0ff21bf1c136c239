namespace Hub.Devices.Fleet.Events;

/// <summary>A relay channel's state as the plug reports it. Channels are numbered from 1, as on the plugs.</summary>
public sealed record RelayReported : PlugEvent
{
    public required int Channel { get; init; }

    public required bool On { get; init; }
}
