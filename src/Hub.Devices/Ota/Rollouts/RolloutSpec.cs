using Hub.Devices.Ota.Delivery;

namespace Hub.Devices.Ota.Rollouts;

public sealed record RolloutSpec(
    string Name,
    long FirmwareId,
    RolloutTarget Target,
    IReadOnlyList<string>? Waves = null,
    int SuccessThresholdPercent = 50,
    int ErrorThresholdPercent = 50,
    int MaxConcurrency = 5,
    int PlugTimeoutSeconds = RolloutSpec.DefaultPlugTimeoutSeconds,
    int MaxAttempts = 2,
    bool Force = false,
    string? WindowCron = null,
    int WindowMinutes = 60,
    string? WindowTimeZone = null,
    int? AbortAfterFinished = null,
    int? AbortFailedPercent = null,
    int? RatePerMinute = null,
    double RateIncrementFactor = 1,
    int? RateIncreaseAfterSuccesses = null,
    OtaDelivery Delivery = OtaDelivery.Auto)
{
    /// <summary>
    /// 15 minutes: the library's largest image (4 MiB) pulled at 8 kB/s takes 524 s, plus erasing, the reboot and the
    /// reconnect to the broker.
    /// </summary>
    public const int DefaultPlugTimeoutSeconds = 900;
}
