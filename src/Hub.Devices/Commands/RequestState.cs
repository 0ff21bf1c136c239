namespace Hub.Devices.Commands;

/// <summary>Ask the plug to publish its current relay states and telemetry now.</summary>
public sealed record RequestState : PlugCommand;
