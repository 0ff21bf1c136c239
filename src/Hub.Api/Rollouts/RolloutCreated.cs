using Hub.Devices.Ota.Rollouts;

namespace Hub.Api.Rollouts;

/// <summary>The new rollout and the plugs that were targeted but left out, each with its reason.</summary>
public sealed record RolloutCreated(RolloutView Rollout, IReadOnlyList<PlugVerdict> Refused);
