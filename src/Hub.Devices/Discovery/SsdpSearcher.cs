using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Discovery;

/// <summary>
/// Sends one M-SEARCH (twice, as UDP may drop one) to the configured SSDP address and collects the answers for the
/// listen window. The target may be the multicast group or a unicast address; nothing else is ever sent to.
/// </summary>
internal sealed class SsdpSearcher(IOptions<DiscoveryOptions> options, TimeProvider time, ILogger<SsdpSearcher> logger)
{
    private const int MaxAnswers = 4096;

    public async Task<IReadOnlyList<SsdpResponse>> SearchAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var target = new IPEndPoint(IPAddress.Parse(settings.SsdpAddress), settings.SsdpPort);
        var multicast = IsMulticast(target.Address);
        var local = LocalAddress(settings.SsdpInterface, target.Address);
        using var udp = new UdpClient(new IPEndPoint(local, 0));
        // Every device answers within MX seconds, many within the same instant; the default 208 KiB socket buffer held
        // about 340 of 1,000 answers from plugsim, the rest were dropped by the kernel before we could read them.
        udp.Client.ReceiveBufferSize = 4 * 1024 * 1024;
        if (multicast)
        {
            // UPnP asks for a TTL of 2: the search stays on the local network.
            udp.Client.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 2);
            if (!local.Equals(IPAddress.Any))
            {
                udp.Client.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, local.GetAddressBytes());
            }
        }

        var mx = Math.Max(1, settings.SsdpListenSeconds - 1);
        var search = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"M-SEARCH * HTTP/1.1\r\nHOST: {target}\r\nMAN: \"ssdp:discover\"\r\nMX: {mx}\r\nST: upnp:rootdevice\r\nUSER-AGENT: hub/1.0 UPnP/1.1\r\n\r\n"));
        try
        {
            await udp.SendAsync(search, target, ct);
            await udp.SendAsync(search, target, ct);
        }
        catch (SocketException ex)
        {
            // No route to the group (no LAN interface up, firewall): nothing to hear this time.
            logger.LogWarning("SSDP search to {Target} could not be sent: {Reason}", target, ex.SocketErrorCode);
            return [];
        }

        var answers = new Dictionary<Uri, SsdpResponse>();
        using var window = new CancellationTokenSource(TimeSpan.FromSeconds(settings.SsdpListenSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, window.Token);
        try
        {
            while (answers.Count < MaxAnswers)
            {
                var datagram = await udp.ReceiveAsync(linked.Token);
                if (SsdpResponse.Parse(datagram.Buffer, datagram.RemoteEndPoint) is { } answer)
                {
                    answers.TryAdd(answer.Location, answer);
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The listen window is over.
        }
        catch (SocketException ex)
        {
            // An ICMP "port unreachable" for a unicast target surfaces here on some systems; what came is kept.
            logger.LogDebug("SSDP receive ended early: {Reason}", ex.SocketErrorCode);
        }

        logger.LogDebug("SSDP search on {Target} got {Count} answers", target, answers.Count);
        return [.. answers.Values];
    }

    private static bool IsMulticast(IPAddress address) => (address.GetAddressBytes()[0] & 0xF0) == 0xE0;

    private static IPAddress LocalAddress(string? configured, IPAddress target)
    {
        if (IPAddress.IsLoopback(target))
        {
            return IPAddress.Loopback;
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            return IPAddress.Any;
        }

        if (IPAddress.TryParse(configured, out var address))
        {
            return address;
        }

        return NetworkInterface.GetAllNetworkInterfaces()
                   .Where(n => string.Equals(n.Name, configured, StringComparison.Ordinal))
                   .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                   .Select(u => u.Address)
                   .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
               ?? throw new InvalidOperationException($"Discovery:SsdpInterface '{configured}' has no IPv4 address");
    }
}
