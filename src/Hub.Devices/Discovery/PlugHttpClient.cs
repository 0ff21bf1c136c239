using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Discovery;

/// <summary>
/// A deliberately small HTTP/1.0 client for plug web servers. OpenBeken ends its status line with a bare LF, sends no
/// Content-Length, answers OTA errors with status -20 and closes the socket to end the body (fact sheet §2.1), all of
/// which strict clients reject; so this one asks for HTTP/1.0, reads to EOF with a size cap, and parses leniently.
/// </summary>
internal sealed class PlugHttpClient(IOptions<DiscoveryOptions> options)
{
    private readonly int _maxBytes = options.Value.MaxResponseBytes;

    /// <summary>GETs <paramref name="pathAndQuery"/> from <paramref name="endpoint"/>; the caller's token carries the deadline.</summary>
    public async Task<PlugHttpResponse> GetAsync(Uri endpoint, string pathAndQuery, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(await ResolveAsync(endpoint, ct), ct);
            var request = $"GET {pathAndQuery} HTTP/1.0\r\nHost: {endpoint.Authority}\r\nAccept: */*\r\n" +
                          "User-Agent: hub-discovery\r\nConnection: close\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, ct);
            return PlugHttpParser.Parse(await ReadToEndAsync(socket, ct));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
        {
            throw new PlugHttpException(PlugHttpFailure.TimedOut, $"{endpoint.Authority} timed out", ex);
        }
        catch (SocketException ex)
        {
            throw new PlugHttpException(PlugHttpFailure.Unreachable, $"{endpoint.Authority}: {ex.SocketErrorCode}", ex);
        }
        catch (IOException ex)
        {
            throw new PlugHttpException(PlugHttpFailure.Unreachable, $"{endpoint.Authority}: {ex.Message}", ex);
        }
    }

    private static async Task<IPEndPoint> ResolveAsync(Uri endpoint, CancellationToken ct)
    {
        var port = endpoint.IsDefaultPort ? 80 : endpoint.Port;
        if (IPAddress.TryParse(endpoint.Host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        var addresses = await Dns.GetHostAddressesAsync(endpoint.Host, AddressFamily.InterNetwork, ct);
        return addresses.Length > 0
            ? new IPEndPoint(addresses[0], port)
            : throw new PlugHttpException(PlugHttpFailure.Unreachable, $"{endpoint.Host} has no IPv4 address");
    }

    private async Task<byte[]> ReadToEndAsync(Socket socket, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var read = await socket.ReceiveAsync(chunk, SocketFlags.None, ct);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + read > _maxBytes)
            {
                throw new PlugHttpException(PlugHttpFailure.Malformed, $"answer is over {_maxBytes} bytes");
            }

            buffer.Write(chunk, 0, read);

            // A server that sends Content-Length but keeps the socket open (some Tasmota builds) is done here.
            if (PlugHttpParser.CompleteByLength(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
            {
                return buffer.ToArray();
            }
        }
    }
}
