using Hub.Devices.Ota.Rollouts;

namespace Hub.Devices.Ota.Delivery;

/// <summary>One attempt to bring one plug to one image; <see cref="StartAt"/> is later than Sending when a restarted hub resumes.</summary>
public sealed record PushJob(long PlugId, string Topic, Uri Target, string ImagePath, string Version, string Chip, TimeSpan Timeout,
    RolloutPlugState StartAt = RolloutPlugState.Sending, bool Resumed = false, int? BootCountBefore = null);
