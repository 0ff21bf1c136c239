using Hub.Devices.Ota.Delivery;

namespace Hub.Devices.Ota.Rollouts;

/// <summary>A plug's place and progress in a rollout; written at every step so a restarted hub knows where it was.</summary>
public sealed class RolloutPlug
{
    public long Id { get; set; }

    public long RolloutId { get; set; }

    public long PlugId { get; set; }

    public required string Topic { get; set; }

    public int Wave { get; set; }

    public RolloutPlugState State { get; set; }

    public int Attempts { get; set; }

    /// <summary>Why it failed (refused by the plug and its message, timeout, old build, other chip, never came back).</summary>
    public string? Reason { get; set; }

    public string? PreviousBuild { get; set; }

    public string? ReportedBuild { get; set; }

    /// <summary>
    /// The plug's boot count when it was sent the image: after a hub restart, a higher count proves the plug restarted
    /// since, so the build it reports is its verdict and it is not told to reboot again.
    /// </summary>
    public int? BootCountBefore { get; set; }

    /// <summary>How long the hub saw the plug offline around its update reboot (last will to its next online message).</summary>
    public double? OfflineSeconds { get; set; }

    /// <summary>Push or pull, chosen when the plug started (from the rollout's setting and the plug's protocol and chip).</summary>
    public OtaDelivery? Delivery { get; set; }

    /// <summary>Pull delivery: how far the plug's downloads of the image got, for progress while it is Sending.</summary>
    public long? BytesServed { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
