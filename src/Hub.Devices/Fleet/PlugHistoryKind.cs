namespace Hub.Devices.Fleet;

public enum PlugHistoryKind
{
    Discovered,
    Adopted,
    CameOnline,
    WentOffline,
    Rebooted,
    RelayChanged,
    CredentialsRotated,
    DesiredStateReasserted,
    Renamed,
    CommandFailed,
    NotBackAfterOutage,
    WatchdogRestart,
    WatchdogPowerCycle,
    WatchdogGaveUp,
    WatchdogRecovered,
}
