namespace Hub.Api.Plugs;

public sealed record DesiredRelayView(int Channel, string Mode, bool? LastCommandedOn);
