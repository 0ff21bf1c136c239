using System.Globalization;
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
            return Parse(await ReadToEndAsync(socket, ct));
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
            if (CompleteByLength(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
            {
                return buffer.ToArray();
            }
        }
    }

    private static bool CompleteByLength(ReadOnlySpan<byte> data)
    {
        var (headEnd, bodyStart) = FindHeadEnd(data);
        if (headEnd < 0)
        {
            return false;
        }

        var head = Encoding.Latin1.GetString(data[..headEnd]);
        return ParseHeaders(head).TryGetValue("Content-Length", out var text)
               && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
               && data.Length - bodyStart >= length;
    }

    internal static PlugHttpResponse Parse(ReadOnlySpan<byte> data)
    {
        var (headEnd, bodyStart) = FindHeadEnd(data);
        if (headEnd < 0)
        {
            throw new PlugHttpException(PlugHttpFailure.Malformed, data.IsEmpty ? "empty answer" : "answer has no end of head");
        }

        var head = Encoding.Latin1.GetString(data[..headEnd]);
        var statusLine = head.Split('\n', 2)[0].TrimEnd('\r');
        var parts = statusLine.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var status))
        {
            throw new PlugHttpException(PlugHttpFailure.Malformed, "answer does not start with an HTTP status line");
        }

        var headers = ParseHeaders(head);
        var body = data[bodyStart..];
        if (headers.TryGetValue("Content-Length", out var lengthText)
            && int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length < body.Length)
        {
            body = body[..length];
        }

        var bytes = headers.TryGetValue("Transfer-Encoding", out var encoding)
                    && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            ? Dechunk(body)
            : body.ToArray();
        return new PlugHttpResponse(status, headers, bytes);
    }

    /// <summary>The end of the head and the start of the body, accepting CRLF, bare LF or a mix of both.</summary>
    private static (int HeadEnd, int BodyStart) FindHeadEnd(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] != '\n')
            {
                continue;
            }

            var next = i + 1;
            if (next < data.Length && data[next] == '\r')
            {
                next++;
            }

            if (next < data.Length && data[next] == '\n')
            {
                return (i, next + 1);
            }
        }

        return (-1, -1);
    }

    private static Dictionary<string, string> ParseHeaders(string head)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Split('\n').Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return headers;
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        using var output = new MemoryStream();
        var at = 0;
        while (at < body.Length)
        {
            var lineEnd = body[at..].IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                break;
            }

            var sizeText = Encoding.ASCII.GetString(body.Slice(at, lineEnd)).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw new PlugHttpException(PlugHttpFailure.Malformed, "bad chunk size");
            }

            at += lineEnd + 1;
            if (size == 0 || at + size > body.Length)
            {
                output.Write(body[at..Math.Min(at + size, body.Length)]);
                break;
            }

            output.Write(body.Slice(at, size));
            at += size;
            while (at < body.Length && body[at] is (byte)'\r' or (byte)'\n')
            {
                at++;
            }
        }

        return output.ToArray();
    }
}
