using Hub.Devices.Ota.Delivery;

namespace Hub.Devices.Ota.Rollouts;

/// <summary>One image going out to a set of plugs in waves, driven by <see cref="RolloutWorker"/>.</summary>
public sealed class Rollout
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public long FirmwareImageId { get; set; }

    public RolloutStatus Status { get; set; }

    /// <summary>Plugs per wave, resolved from counts and percentages when the rollout was created.</summary>
    public List<int> WaveSizes { get; set; } = [];

    /// <summary>0-based; plugs of this wave and earlier ones may start.</summary>
    public int CurrentWave { get; set; }

    public int SuccessThresholdPercent { get; set; }

    public int ErrorThresholdPercent { get; set; }

    public int MaxConcurrency { get; set; }

    public int PlugTimeoutSeconds { get; set; }

    /// <summary>Tries per plug, the first included.</summary>
    public int MaxAttempts { get; set; }

    public bool Force { get; set; }

    /// <summary>Push, pull, or per plug (auto): Tasmota and OpenBeken on Beken chips pull, the rest is pushed.</summary>
    public OtaDelivery Delivery { get; set; }

    /// <summary>With <see cref="AbortFailedPercent"/>: once at least this many plugs finished, too many failures abort.</summary>
    public int? AbortAfterFinished { get; set; }

    /// <summary>More than this share of the finished plugs failed (after <see cref="AbortAfterFinished"/>): abort.</summary>
    public int? AbortFailedPercent { get; set; }

    /// <summary>Plugs started per minute at first (AWS IoT Jobs' base rate); null: as fast as the concurrency allows.</summary>
    public int? RatePerMinute { get; set; }

    /// <summary>The rate is multiplied by this after every <see cref="RateIncreaseAfterSuccesses"/> succeeded plugs.</summary>
    public double RateIncrementFactor { get; set; } = 1;

    public int? RateIncreaseAfterSuccesses { get; set; }

    public string? PauseReason { get; set; }

    /// <summary>Quartz cron of the maintenance window's start; null: any time.</summary>
    public string? WindowCron { get; set; }

    public int WindowMinutes { get; set; }

    /// <summary>IANA time zone of <see cref="WindowCron"/>; null: UTC.</summary>
    public string? WindowTimeZone { get; set; }

    /// <summary>Why a running rollout starts no plug right now (outside its window), for the dashboard.</summary>
    public string? Holding { get; set; }

    /// <summary>Failures of the current wave an admin saw when resuming; only failures beyond them pause again.</summary>
    public int AcknowledgedFailures { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
