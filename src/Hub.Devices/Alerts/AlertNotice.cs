namespace Hub.Devices.Alerts;

public enum AlertNotice
{
    Raised,
    Repeated,
    Resolved,

    /// <summary>The test button of a channel.</summary>
    Test,
}
