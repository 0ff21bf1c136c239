namespace Hub.Devices.Ota.Rollouts;

/// <summary>Whether an image may go to a plug; a refusal names the reason.</summary>
public sealed record PlugVerdict(long PlugId, string Topic, bool Compatible, string? Reason, string? CurrentVersion);
