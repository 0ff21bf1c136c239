namespace Hub.Devices.Ota.Rollouts;

/// <summary>The created rollout (null when refused: <see cref="Problem"/> says why) and the verdict on every targeted plug.</summary>
public sealed record RolloutCreation(Rollout? Rollout, IReadOnlyList<PlugVerdict> Verdicts, string? Problem, bool FirmwareMissing = false);
