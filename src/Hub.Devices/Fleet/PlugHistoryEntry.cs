namespace Hub.Devices.Fleet;

/// <summary>One thing that happened to a plug, kept for its history page and for alert rules.</summary>
public sealed class PlugHistoryEntry
{
    public long Id { get; set; }

    public long PlugId { get; set; }

    public DateTimeOffset At { get; set; }

    public PlugHistoryKind Kind { get; set; }

    public required string Detail { get; set; }

    /// <summary>Who caused it: a user name, "hub" for automatic actions, or "plug" for the plug itself.</summary>
    public required string Actor { get; set; }
}
