using Hub.Devices.Fleet;

namespace Hub.Devices.Watchdog;

/// <summary>Where and when the scheduler's probes go.</summary>
internal static class ProbeTargets
{
    /// <summary>
    /// Spreads first runs over one interval by id (7919 is prime, so consecutive ids land far apart and a thousand
    /// probes created together fill the interval evenly instead of firing in step).
    /// </summary>
    public static TimeSpan FirstRunOffset(long probeId, int intervalSeconds) =>
        TimeSpan.FromMilliseconds(probeId * 7919 % (intervalSeconds * 1000L));

    /// <summary>The only addresses a probe may use: the named device's host, or the adopted plug's own endpoint.</summary>
    public static ProbeTarget? Resolve(Probe probe, Dictionary<long, WatchedDevice> devices, Dictionary<long, Plug> plugs)
    {
        if (probe.DeviceId is { } deviceId)
        {
            if (!devices.TryGetValue(deviceId, out var device) || !plugs.TryGetValue(device.PlugId, out var powering))
            {
                return null;
            }

            var port = probe.Port ?? 80;
            var http = Uri.TryCreate($"http://{device.Host}:{port}", UriKind.Absolute, out var u) ? u : null;
            return new ProbeTarget(probe, device.PlugId, device.Host, http, device,
                $"'{device.Name}' (behind {powering.Name ?? powering.Topic})");
        }

        if (probe.PlugId is not { } plugId || !plugs.TryGetValue(plugId, out var plug))
        {
            return null;
        }

        var baseUri = PlugRestarter.HttpBase(plug);
        if (probe.Port is { } p && baseUri is not null)
        {
            baseUri = new UriBuilder(baseUri) { Port = p }.Uri;
        }

        return new ProbeTarget(probe, plug.Id, baseUri?.Host ?? plug.Ip, baseUri, null, $"plug {plug.Name ?? plug.Topic}");
    }
}
