namespace Hub.Devices.Commands;

/// <summary>Switch one relay channel (numbered from 1, as on the plugs).</summary>
public sealed record SetRelay(int Channel, RelayAction Action) : PlugCommand;
