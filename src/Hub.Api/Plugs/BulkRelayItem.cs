namespace Hub.Api.Plugs;

public sealed record BulkRelayItem(long PlugId, string Topic, string Outcome, bool? On);
