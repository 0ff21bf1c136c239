namespace Hub.Devices.Watchdog;

/// <summary>
/// A plug or a device expected to be off until a time: no alerts, no actions. A plug's window covers the devices
/// behind it.
/// </summary>
public sealed class MaintenanceWindow
{
    public long Id { get; set; }

    public long? PlugId { get; set; }

    public long? DeviceId { get; set; }

    public DateTimeOffset Until { get; set; }

    public string? Note { get; set; }

    public required string CreatedBy { get; set; }
}
