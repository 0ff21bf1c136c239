namespace Hub.Devices.Ota.Rollouts;

/// <summary>One plug of a rollout moved to <see cref="State"/>: what the live channel pushes to dashboards.</summary>
public sealed record RolloutPlugChanged(long RolloutId, long PlugId, string Topic, int Wave, RolloutPlugState State, string? Reason,
    DateTimeOffset At)
{
    public static RolloutPlugChanged Of(RolloutPlug row, DateTimeOffset at) =>
        new(row.RolloutId, row.PlugId, row.Topic, row.Wave, row.State, row.Reason, at);
}
