namespace Hub.Devices.Alerts;

public enum AlertState
{
    Active,

    /// <summary>A person has seen it: no more repeats, but it still resolves by itself.</summary>
    Acknowledged,

    Resolved,
}
