using Hub.Devices.Ota.Library;
using Hub.Devices.Ota.Rollouts;
using Hub.Devices.Protocols;

namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// One attempt to bring one plug to one image by pull. The grant is one per rollout plug and attempt, so a resumed
/// attempt finds the link the plug already has and never sends a second one.
/// </summary>
public sealed record PullJob(long RolloutPlugId, int Attempt, long PlugId, string Topic, PlugProtocolKind Protocol, FirmwareImage Image,
    TimeSpan Timeout, RolloutPlugState StartAt = RolloutPlugState.Sending, bool Resumed = false, int? BootCountBefore = null);
