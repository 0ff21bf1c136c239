using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Ota.Delivery;

public sealed class PullOptions
{
    public const string Section = "Ota:Pull";

    /// <summary>
    /// How the plugs reach the hub's web server (e.g. <c>http://192.168.1.10:8080</c>); the download URL a plug is told
    /// starts with it. Unset, it is the address the HTTP listener is bound to (a wildcard binding: the hub's first LAN
    /// IPv4 address). Plain http only: neither Tasmota's OtaUrl nor <c>ota_http</c> speaks TLS.
    /// </summary>
    [Url]
    [RegularExpression(@"^http://[^\s?#]+$", ErrorMessage = "Ota:Pull:PublicBaseUrl must be a plain http:// URL without query (plugs speak no TLS).")]
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a download link stays valid; a plug on a weak link at 8 kB/s needs minutes for 1 MB.</summary>
    [Range(1, 24 * 60)]
    public int TokenLifetimeMinutes { get; set; } = 30;
}
