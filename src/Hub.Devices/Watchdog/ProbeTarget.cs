namespace Hub.Devices.Watchdog;

/// <summary>
/// A probe with the address it may contact, resolved from the device the owner named or the plug's own endpoint:
/// never from anywhere else.
/// </summary>
internal sealed record ProbeTarget(Probe Probe, long PlugId, string? Host, Uri? HttpBase, WatchedDevice? Device, string Label)
{
    /// <summary>Flap protection and actions are per target: the device, or the plug itself.</summary>
    public string Key => Device is { } d ? $"device:{d.Id}" : $"plug:{PlugId}";

    public string Describe()
    {
        var probe = Probe;
        return probe.Kind switch
        {
            ProbeKind.Ping => $"ping {Host}",
            ProbeKind.Tcp => $"TCP {Host}:{probe.Port}",
            ProbeKind.Http => $"HTTP GET {HttpUrl()}",
            _ => "MQTT liveness",
        };
    }

    public Uri? HttpUrl() => HttpBase is null ? null : new Uri(HttpBase, Probe.Path ?? "/");
}
