namespace Hub.Devices.Ota.Rollouts;

/// <summary>One plug's way through a rollout: Queued → Sending → Flashing → Rebooting → Verifying → Succeeded, or Failed.</summary>
public enum RolloutPlugState
{
    Queued,

    /// <summary>The plug erases its spare slot and takes the image.</summary>
    Sending,

    /// <summary>The whole image is sent; the plug verifies it and marks the slot bootable.</summary>
    Flashing,

    Rebooting,

    /// <summary>The plug restarted; waiting for it to report its build.</summary>
    Verifying,

    Succeeded,

    Failed,

    /// <summary>Never started because the rollout was aborted.</summary>
    Cancelled,
}
