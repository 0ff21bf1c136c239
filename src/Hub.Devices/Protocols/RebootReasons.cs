namespace Hub.Devices.Protocols;

/// <summary>Which reboot reasons mean the plug crashed or hung, across OpenBeken (BL602, Beken) and Tasmota.</summary>
internal static class RebootReasons
{
    // BL602: BL_RST_SOFTWARE_WATCHDOG covers any reset that was neither a power cycle nor a commanded restart.
    // Beken: "2 - Wdt" and the crash codes 5..9. Tasmota ESP8266: "Software Watchdog", "Hardware Watchdog",
    // "Exception"; ESP32 names its watchdogs and brownouts in longer sentences.
    private static readonly string[] Markers =
        ["WATCHDOG", "WATCH DOG", "WDT", "EXCEPTION", "PANIC", "CRASH", "BROWNOUT", "NOT STABLE", "FATAL"];

    private static readonly string[] BekenCrashCodes = ["5", "6", "7", "8", "9"];

    public static bool IsAbnormal(string reason)
    {
        var upper = reason.ToUpperInvariant();
        if (Markers.Any(m => upper.Contains(m, StringComparison.Ordinal)))
        {
            return true;
        }

        var dash = reason.IndexOf(" - ", StringComparison.Ordinal);
        return dash > 0 && BekenCrashCodes.Contains(reason[..dash].Trim(), StringComparer.Ordinal);
    }
}
