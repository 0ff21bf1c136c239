namespace Hub.Devices.Watchdog;

/// <summary>
/// Says whether another feature is working on a plug (an OTA rollout), so the watchdog leaves it alone. The seam OTA
/// implements; until then <see cref="NoPlugActivity"/> answers no.
/// </summary>
public interface IPlugActivityGuard
{
    /// <summary>A reason the plug must not be touched now, or null.</summary>
    string? BusyReason(long plugId);
}
