namespace Hub.Devices.Fleet;

public enum RotationOutcome
{
    Rotated,

    /// <summary>The new login exists and was sent; the plug has not come back on it yet, so the old one stays valid.</summary>
    AwaitingReconnect,
    UnknownPlug,
    NotAdopted,
    Offline,
    BrokerRefused,
}
