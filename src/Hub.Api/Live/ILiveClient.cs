using Hub.Devices.Ota.Rollouts;
using Hub.Devices.Watchdog;

namespace Hub.Api.Live;

/// <summary>What the hub pushes to open dashboards.</summary>
public interface ILiveClient
{
    /// <summary>The plugs that changed in the last second, at most one entry per plug.</summary>
    Task PlugsChanged(IReadOnlyList<PlugLiveUpdate> updates);

    /// <summary>A plug of a rollout moved to another step (sending, flashing, …, succeeded or failed with its reason).</summary>
    Task RolloutPlugChanged(RolloutPlugChanged change);

    /// <summary>A rollout's own status, wave, or reason to hold or pause changed.</summary>
    Task RolloutChanged(RolloutChanged change);

    /// <summary>An alert was raised, repeated, acknowledged or resolved.</summary>
    Task AlertChanged(AlertLiveChange change);

    /// <summary>A watchdog probe's verdict changed: its first result, up, down, or needs attention set or cleared.</summary>
    Task ProbeChanged(ProbeChange change);

    /// <summary>A maintenance window started, was ended by hand, or expired.</summary>
    Task MaintenanceChanged(MaintenanceChange change);
}
