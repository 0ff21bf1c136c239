namespace Hub.Devices.Alerts;

/// <summary>
/// Something the owner should know, raised by a rule or the watchdog. One row per occurrence of a condition: while it
/// is open (active or acknowledged) raising the same <see cref="Key"/> again only counts; resolved rows are history.
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }

    /// <summary>What makes two raises the same alert, e.g. <c>offline:12</c> or <c>probe:3</c>.</summary>
    public required string Key { get; set; }

    public required string Rule { get; set; }

    public AlertSeverity Severity { get; set; }

    public AlertState State { get; set; }

    public long? PlugId { get; set; }

    public long? DeviceId { get; set; }

    public required string Title { get; set; }

    /// <summary>Why, in words a person can act on: the reason, the numbers, what the hub already tried.</summary>
    public required string Cause { get; set; }

    /// <summary>Identifies the event behind a raise (a boot count), so a repeated report of one event is not counted twice.</summary>
    public string? Fingerprint { get; set; }

    public int Occurrences { get; set; } = 1;

    public int Notifications { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public DateTimeOffset LastRaisedAt { get; set; }

    public DateTimeOffset? ClearingSince { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }
}
