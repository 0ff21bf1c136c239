namespace Hub.Devices.Ota.Rollouts;

public sealed record RolloutView(
    long Id,
    string Name,
    long FirmwareImageId,
    RolloutStatus Status,
    string? PauseReason,
    string? Holding,
    int CurrentWave,
    IReadOnlyList<WaveView> Waves,
    IReadOnlyDictionary<RolloutPlugState, int> States,
    IReadOnlyList<RolloutPlug> Plugs,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);
