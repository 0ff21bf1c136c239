namespace Hub.Devices.Watchdog;

/// <summary>What the watchdog does once a probe's target is down, besides raising an alert.</summary>
public enum WatchdogAction
{
    AlertOnly,

    /// <summary>Restart the plug: over MQTT while its MQTT link lives, else over HTTP.</summary>
    RestartPlug,

    /// <summary>Switch the plug's relay off, wait, and on again, to power-cycle the device behind it.</summary>
    PowerCycle,
}
