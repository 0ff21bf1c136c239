using Hub.Devices.Watchdog;

namespace Hub.Devices.Ota.Rollouts;

/// <summary>Tells the watchdog to keep its hands off a plug while a rollout is sending, flashing or verifying it.</summary>
internal sealed class RolloutActivityGuard(RolloutTracker tracker) : IPlugActivityGuard
{
    public string? BusyReason(long plugId) => tracker.IsInRollout(plugId) ? "in a firmware rollout" : null;
}
