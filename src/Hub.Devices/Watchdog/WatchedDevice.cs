namespace Hub.Devices.Watchdog;

/// <summary>A device the owner named as powered by a plug (a router, a modem), so the hub may power-cycle it.</summary>
public sealed class WatchedDevice
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public long PlugId { get; set; }

    /// <summary>The device's address as the owner gave it: the only host its probes may contact.</summary>
    public required string Host { get; set; }

    public int RelayChannel { get; set; } = 1;

    /// <summary>How long the relay stays off in a power cycle; modems want several seconds to discharge.</summary>
    public int OffSeconds { get; set; } = 10;

    public DateTimeOffset CreatedAt { get; set; }
}
