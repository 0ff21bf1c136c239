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
