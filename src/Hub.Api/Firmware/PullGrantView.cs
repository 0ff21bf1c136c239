namespace Hub.Api.Firmware;

/// <summary>The one-time download link for one plug, and the Tasmota console commands that make the plug fetch it.</summary>
public sealed record PullGrantView(string Url, DateTimeOffset ExpiresAt, IReadOnlyList<string> Commands);
