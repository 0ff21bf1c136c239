namespace Hub.Devices.Watchdog;

/// <summary>A probe's live verdict, for the API.</summary>
public sealed record ProbeStatus(
    long ProbeId, string Target, bool Down, int RecentFailures, DateTimeOffset? LastRunAt, string? LastDetail,
    DateTimeOffset NextRunAt, bool NeedsAttention);
