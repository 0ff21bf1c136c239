namespace Hub.Devices.Watchdog;

/// <summary>One probe's outcome. Not <see cref="Known"/> when nothing can be said (the hub's own MQTT link is down).</summary>
public sealed record ProbeResult(bool Success, string Detail, bool Known = true)
{
    public static ProbeResult Ok(string detail) => new(true, detail);

    public static ProbeResult Failed(string detail) => new(false, detail);

    public static ProbeResult Unknown(string detail) => new(false, detail, Known: false);
}
