using System.ComponentModel.DataAnnotations;
using Hub.Devices.Ota.Delivery;
using Hub.Devices.Ota.Rollouts;

namespace Hub.Api.Rollouts;

public sealed record PreviewRolloutRequest(
    [property: Range(1, long.MaxValue)] long FirmwareId,
    [property: MaxLength(10_000)] long[]? PlugIds = null,
    [property: StringLength(64)] string? Tag = null,
    [property: StringLength(64)] string? Group = null,
    bool Force = false,
    OtaDelivery Delivery = OtaDelivery.Auto);

/// <summary>
/// Waves are plug counts or percentages of the compatible plugs, e.g. ["1", "10%", "50%", "rest"]; whatever they leave
/// over forms a last wave. Thresholds are percentages of a wave, as in hawkBit (defaults 50/50). The abort rule: once
/// <c>AbortAfterFinished</c> plugs finished, more than <c>AbortFailedPercent</c> of them failed. A rate starts at most
/// <c>RatePerMinute</c> plugs a minute, multiplied by <c>RateIncrementFactor</c> after every
/// <c>RateIncreaseAfterSuccesses</c> succeeded plugs (AWS IoT Jobs' exponential rollout). <c>Delivery</c>: auto (Tasmota and
/// OpenBeken on Beken chips pull, BL602 is pushed), push or pull.
/// </summary>
public sealed record CreateRolloutRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Range(1, long.MaxValue)] long FirmwareId,
    [property: MaxLength(10_000)] long[]? PlugIds = null,
    [property: StringLength(64)] string? Tag = null,
    [property: StringLength(64)] string? Group = null,
    [property: MaxLength(100)] string[]? Waves = null,
    [property: Range(1, 100)] int SuccessThresholdPercent = 50,
    [property: Range(1, 100)] int ErrorThresholdPercent = 50,
    [property: Range(1, 200)] int MaxConcurrency = 5,
    [property: Range(10, 3600)] int PlugTimeoutSeconds = RolloutSpec.DefaultPlugTimeoutSeconds,
    [property: Range(1, 10)] int MaxAttempts = 2,
    bool Force = false,
    [property: StringLength(120)] string? MaintenanceWindowCron = null,
    [property: Range(1, 24 * 60)] int MaintenanceWindowMinutes = 60,
    [property: StringLength(64)] string? MaintenanceWindowTimeZone = null,
    [property: Range(1, 100_000)] int? AbortAfterFinished = null,
    [property: Range(0, 99)] int? AbortFailedPercent = null,
    [property: Range(1, 1000)] int? RatePerMinute = null,
    [property: Range(1.0, 5.0)] double RateIncrementFactor = 1,
    [property: Range(1, 100_000)] int? RateIncreaseAfterSuccesses = null,
    OtaDelivery Delivery = OtaDelivery.Auto);
