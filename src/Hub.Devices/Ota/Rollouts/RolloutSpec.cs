namespace Hub.Devices.Ota.Rollouts;

public sealed record RolloutSpec(
    string Name,
    long FirmwareId,
    RolloutTarget Target,
    IReadOnlyList<string>? Waves = null,
    int SuccessThresholdPercent = 50,
    int ErrorThresholdPercent = 50,
    int MaxConcurrency = 5,
    int PlugTimeoutSeconds = 600,
    int MaxAttempts = 2,
    bool Force = false,
    string? WindowCron = null,
    int WindowMinutes = 60,
    string? WindowTimeZone = null,
    int? AbortAfterFinished = null,
    int? AbortFailedPercent = null,
    int? RatePerMinute = null,
    double RateIncrementFactor = 1,
    int? RateIncreaseAfterSuccesses = null);
