namespace Hub.Devices.Commands;

/// <summary>Moves a plug to its own broker account (adoption, credential rotation). Host null keeps the current broker.</summary>
public sealed record SetBrokerCredentials(string User, string Password, string? Host = null) : PlugCommand;
