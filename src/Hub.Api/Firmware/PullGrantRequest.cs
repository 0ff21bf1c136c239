namespace Hub.Api.Firmware;

public sealed record PullGrantRequest(long PlugId);
