namespace Hub.Devices.Watchdog;

/// <summary>
/// A maintenance window started or stopped counting: what dashboards are told about. <see cref="PlugId"/> is the plug
/// whose page shows it (for a device's window, the plug in front of the device), so a page need not know every device.
/// </summary>
public sealed record MaintenanceChange(long? PlugId, MaintenanceChangeKind Change, MaintenanceWindow Window);
