using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Hub.Devices.Ota.Library;
using Hub.Devices.Protocols;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// The download URL a plug is told, for rollouts and for links issued by hand alike. It must name the hub as the plug
/// sees it: <see cref="PullOptions.PublicBaseUrl"/> when set (behind NAT or a reverse proxy only the admin knows it), else
/// the address the HTTP listener is bound to. Never the address an admin's request came in on: that may be https or a
/// proxy's name, and plugs speak plain http on the LAN.
/// </summary>
public sealed class PullLinks(IOptions<PullOptions> options, IServiceProvider services)
{
    /// <summary>Tasmota keeps at most this many characters of <c>OtaUrl</c>.</summary>
    public const int TasmotaOtaUrlMax = 100;

    public string BaseUrl => (options.Value.PublicBaseUrl ?? ListenerBase()).TrimEnd('/');

    /// <summary>Tasmota decides by the extension whether to gunzip; the rest of the name is ours, kept short for OtaUrl.</summary>
    public string UrlOf(string token, FirmwareImage image) =>
        $"{BaseUrl}/ota/{token}/{(image.FileName?.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) == true ? "fw.bin.gz" : "fw.bin")}";

    /// <summary>The link for a plug of <paramref name="protocol"/>, refused when that plug could not keep the whole URL.</summary>
    public PullLink For(string token, FirmwareImage image, PlugProtocolKind protocol)
    {
        var url = UrlOf(token, image);
        return protocol == PlugProtocolKind.Tasmota && url.Length > TasmotaOtaUrlMax
            ? new PullLink(url, $"the download URL has {url.Length} characters, Tasmota's OtaUrl keeps {TasmotaOtaUrlMax}: set a shorter Ota:Pull:PublicBaseUrl")
            : new PullLink(url, null);
    }

    private string ListenerBase()
    {
        // The devices module also runs without a web server (its own tests, tools): then there is no listener to name.
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var http = addresses.Select(a => Uri.TryCreate(a.Replace("://+", "://0.0.0.0", StringComparison.Ordinal)
                .Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(u => u?.Scheme == Uri.UriSchemeHttp);
        if (http is null)
        {
            return "http://127.0.0.1";
        }

        var host = http.Host.Trim('[', ']');
        if (host == "localhost")
        {
            host = "127.0.0.1";
        }
        else if (IPAddress.TryParse(host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            // Bound to every interface: a plug on the LAN reaches the hub on its LAN address, not on a wildcard.
            host = LanAddress()?.ToString() ?? "127.0.0.1";
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            host = $"[{host}]";
        }

        return $"http://{host}:{http.Port}";
    }

    private static IPAddress? LanAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
