namespace Hub.Devices.Alerts;

/// <summary>An alert as the API and the channels show it.</summary>
public sealed record AlertView(
    long Id, string Key, string Rule, AlertSeverity Severity, AlertState State, long? PlugId, long? DeviceId,
    string Title, string Cause, int Occurrences, DateTimeOffset RaisedAt, DateTimeOffset LastRaisedAt,
    DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? ResolvedAt)
{
    public static AlertView From(Alert a) => new(a.Id, a.Key, a.Rule, a.Severity, a.State, a.PlugId, a.DeviceId, a.Title,
        a.Cause, a.Occurrences, a.RaisedAt, a.LastRaisedAt, a.AcknowledgedAt, a.AcknowledgedBy, a.ResolvedAt);
}
