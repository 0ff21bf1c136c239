namespace Hub.Devices.Fleet;

/// <summary>One plug's state as the worker tracks it, with what still has to reach the database.</summary>
public sealed class LivePlug(long plugId, PlugState state)
{
    public long PlugId { get; } = plugId;

    public PlugState State { get; } = state;

    /// <summary>
    /// Guards <see cref="PlugState.Relays"/>: the fleet worker writes it while commands (toggle) and the live notifier
    /// read it from other threads, and a Dictionary read during a write can throw or loop.
    /// </summary>
    internal Lock RelaysLock { get; } = new();

    internal bool Dirty { get; set; }

    internal List<PlugHistoryEntry> PendingHistory { get; } = [];

    /// <summary>Set when a reboot was detected; the history entry waits briefly for the plug to say why.</summary>
    internal DateTimeOffset? RebootDetectedAt { get; set; }

    internal bool RebootReasonSeen { get; set; }

    /// <summary>The boot count of the detected reboot, so later messages of the same restart are not a second one.</summary>
    internal int? RebootBootCount { get; set; }

    internal DateTimeOffset? LastBootReportAt { get; set; }

    internal DateTimeOffset? MalformedLoggedAt { get; set; }

    /// <summary>Identity the plug reported (build, address, chip), copied to its registry row on the next write.</summary>
    internal TelemetryIdentity Identity { get; set; } = new(null, null, null, null, null);
}
