using System.Globalization;

namespace Hub.Devices.Fleet;

/// <summary>
/// Where a plug's web server is, given the IP it reports over MQTT (OpenBeken's <c>&lt;T&gt;/ip</c>, Tasmota's
/// <c>INFO2</c>/<c>STATUS</c>). MQTT carries no port, so a port learned by HTTP discovery (a plug behind a port
/// forward, or plugsim's many plugs on one address) is kept; plugs found only over MQTT get port 80.
/// </summary>
internal static class HttpEndpoints
{
    public static string? Follow(string? known, string? ip)
    {
        if (ip is null)
        {
            return known;
        }

        if (known is null || !Uri.TryCreate(known.Contains("://", StringComparison.Ordinal) ? known : "http://" + known,
                UriKind.Absolute, out var uri))
        {
            return $"http://{ip}";
        }

        if (string.Equals(uri.Host, ip, StringComparison.OrdinalIgnoreCase))
        {
            return known;
        }

        // DHCP moved the plug: the web server moved with it, on the same port.
        return uri.IsDefaultPort ? $"{uri.Scheme}://{ip}" : string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{ip}:{uri.Port}");
    }
}
