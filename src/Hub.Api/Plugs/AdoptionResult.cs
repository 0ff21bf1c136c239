namespace Hub.Api.Plugs;

public sealed record AdoptionResult(long PlugId, string Outcome);
