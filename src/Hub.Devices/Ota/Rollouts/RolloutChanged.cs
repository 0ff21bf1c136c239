namespace Hub.Devices.Ota.Rollouts;

/// <summary>
/// A rollout itself changed without a plug step: its status, its current wave, or why it holds or paused (a maintenance
/// window that closes or opens moves no plug, so dashboards would otherwise learn of it only by polling).
/// </summary>
public sealed record RolloutChanged(long RolloutId, RolloutStatus Status, int CurrentWave, string? Holding, string? PauseReason,
    DateTimeOffset At)
{
    /// <summary>What dashboards show of <paramref name="rollout"/> now.</summary>
    public static RolloutChanged Of(Rollout rollout, DateTimeOffset at) =>
        new(rollout.Id, rollout.Status, rollout.CurrentWave, rollout.Holding, rollout.PauseReason, at);
}
