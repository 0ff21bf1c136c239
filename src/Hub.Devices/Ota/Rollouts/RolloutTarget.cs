namespace Hub.Devices.Ota.Rollouts;

/// <summary>Which adopted plugs a rollout is for; selectors combine (AND), none means the whole fleet.</summary>
public sealed record RolloutTarget(IReadOnlyList<long>? PlugIds = null, string? Tag = null, string? Group = null);
