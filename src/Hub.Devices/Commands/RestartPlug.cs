namespace Hub.Devices.Commands;

public sealed record RestartPlug : PlugCommand;
