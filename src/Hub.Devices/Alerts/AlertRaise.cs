namespace Hub.Devices.Alerts;

/// <summary>A rule's or the watchdog's statement that a condition holds now.</summary>
public sealed record AlertRaise(string Key, string Rule, AlertSeverity Severity, long? PlugId, string Title, string Cause)
{
    public long? DeviceId { get; init; }

    public string? Fingerprint { get; init; }
}
