using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Watchdog;

public sealed class WatchdogOptions
{
    public const string Section = "Watchdog";

    /// <summary>Probes in flight at once; the rest wait their turn, so a thousand targets never go out in one burst.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentProbes { get; set; } = 32;

    /// <summary>How often the scheduler looks for due probes.</summary>
    [Range(50, 5000)]
    public int TickMilliseconds { get; set; } = 250;

    /// <summary>How often probe definitions are re-read even when no API call announced a change.</summary>
    [Range(1, 3600)]
    public int ReloadSeconds { get; set; } = 60;

    /// <summary>Flap protection: at most this many actions per target within <see cref="ActionWindowMinutes"/>.</summary>
    [Range(1, 100)]
    public int MaxActionsPerWindow { get; set; } = 3;

    [Range(1, 10080)]
    public int ActionWindowMinutes { get; set; } = 60;

    /// <summary>The wait after the first action before another; it doubles with each further action in the window.</summary>
    [Range(0, 86400)]
    public int BackoffSeconds { get; set; } = 60;

    [Range(1, 86400)]
    public int MaxBackoffSeconds { get; set; } = 3600;

    /// <summary>How long a relay switch or a restart may take to be confirmed.</summary>
    [Range(1, 120)]
    public int CommandTimeoutSeconds { get; set; } = 10;
}
