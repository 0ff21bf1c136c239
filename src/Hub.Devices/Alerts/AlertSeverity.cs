namespace Hub.Devices.Alerts;

/// <summary>Ordered: routing rules say "this severity and above".</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
