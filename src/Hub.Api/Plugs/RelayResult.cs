namespace Hub.Api.Plugs;

public sealed record RelayResult(long PlugId, int Channel, bool On);
