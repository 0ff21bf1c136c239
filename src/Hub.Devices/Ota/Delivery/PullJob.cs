using Hub.Devices.Ota.Library;
using Hub.Devices.Ota.Rollouts;
using Hub.Devices.Protocols;

namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// One attempt to bring one plug to one image by pull. Its link stays open until the attempt ends, so a resumed attempt
/// finds the link the plug already has and never sends a second one.
/// </summary>
public sealed record PullJob(long RolloutPlugId, int Attempt, long PlugId, string Topic, PlugProtocolKind Protocol, FirmwareImage Image,
    TimeSpan Timeout, RolloutPlugState StartAt = RolloutPlugState.Sending, bool Resumed = false, int? BootCountBefore = null);
