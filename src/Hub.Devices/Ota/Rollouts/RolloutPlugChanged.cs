namespace Hub.Devices.Ota.Rollouts;

/// <summary>One plug of a rollout moved to <see cref="State"/>: what the live channel pushes to dashboards.</summary>
public sealed record RolloutPlugChanged(long RolloutId, long PlugId, string Topic, int Wave, RolloutPlugState State, string? Reason,
    DateTimeOffset At);
