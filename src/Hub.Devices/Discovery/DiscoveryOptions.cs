using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;

namespace Hub.Devices.Discovery;

/// <summary>
/// How the hub looks for plugs. Polite by default: a periodic SSDP search (one multicast datagram now and then is what
/// every UPnP control point sends), but address scans only when a user asks for one.
/// </summary>
public sealed class DiscoveryOptions : IValidatableObject
{
    public const string Section = "Discovery";

    /// <summary>Whether the background worker searches by SSDP every <see cref="SsdpIntervalSeconds"/>.</summary>
    public bool PeriodicSsdp { get; set; } = true;

    [Range(30, 86_400)]
    public int SsdpIntervalSeconds { get; set; } = 300;

    /// <summary>Delay before the first periodic search, so the broker and the fleet are up first.</summary>
    [Range(0, 3600)]
    public int SsdpFirstSearchDelaySeconds { get; set; } = 15;

    /// <summary>Where M-SEARCH goes: the SSDP group by default; a unicast address (tests: 127.0.0.1) also works.</summary>
    [Required]
    public string SsdpAddress { get; set; } = "239.255.255.250";

    [Range(1, 65_535)]
    public int SsdpPort { get; set; } = 1900;

    /// <summary>Local interface to search from: an IPv4 address or an interface name; empty lets the OS choose.</summary>
    public string? SsdpInterface { get; set; }

    /// <summary>How long a search collects answers; the M-SEARCH's MX is one second less.</summary>
    [Range(1, 30)]
    public int SsdpListenSeconds { get; set; } = 3;

    /// <summary>All requests to one address (connect, description, info, index page) must finish within this.</summary>
    [Range(1, 60)]
    public int HostTimeoutSeconds { get; set; } = 4;

    /// <summary>Hosts identified at the same time, by a search or a scan.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 32;

    /// <summary>The largest address range a user may scan (TasmoAdmin-style), so a typo cannot sweep a /8.</summary>
    [Range(1, 65_536)]
    public int MaxScanAddresses { get; set; } = 1024;

    [Range(1, 64)]
    public int MaxScanPorts { get; set; } = 8;

    /// <summary>Bigger answers are not a plug's; reading stops there.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 256 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(SsdpAddress, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            yield return new ValidationResult("must be an IPv4 address", [nameof(SsdpAddress)]);
        }
    }
}
