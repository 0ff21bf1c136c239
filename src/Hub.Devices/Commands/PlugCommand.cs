namespace Hub.Devices.Commands;

/// <summary>What the hub can ask of a plug, independent of the protocol that carries it.</summary>
public abstract record PlugCommand;
