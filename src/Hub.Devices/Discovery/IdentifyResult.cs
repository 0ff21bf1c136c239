namespace Hub.Devices.Discovery;

public sealed record IdentifyResult(string HttpEndpoint, IdentifyOutcome Outcome, PlugIdentity? Identity = null, string? Reason = null);
