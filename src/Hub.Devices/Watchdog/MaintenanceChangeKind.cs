namespace Hub.Devices.Watchdog;

/// <summary>How a maintenance window came or went: started, ended by hand (deleted), or expired because its time passed.</summary>
public enum MaintenanceChangeKind
{
    Started,
    Ended,
    Expired,
}
