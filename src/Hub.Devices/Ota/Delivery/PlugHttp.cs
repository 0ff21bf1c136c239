using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// A minimal HTTP/1.1 client for plugs, on a plain socket: OpenBeken answers with a bare-LF status line, no
/// Content-Length and status -20 on OTA errors (fact sheet §2.1), which HttpClient rejects, losing the plug's reason.
/// Always sends Content-Length (OpenBeken ignores chunked bodies) and reads the answer to the end of the stream.
/// </summary>
public static class PlugHttp
{
    private const int MaxReplyBytes = 64 * 1024;

    /// <summary><paramref name="bodySent"/> is called once the last byte of the body is written, before the answer is awaited.</summary>
    public static async Task<PlugHttpReply> PostAsync(Uri plug, string path, Stream body, long length, Func<Task>? bodySent,
        CancellationToken ct)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(plug.Host, plug.Port, ct);
        var stream = client.GetStream();
        var head = string.Create(CultureInfo.InvariantCulture,
            $"POST {path} HTTP/1.1\r\nHost: {plug.Authority}\r\nContent-Type: application/octet-stream\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n");
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
            // The plug erases its slot before it reads on: the writes simply wait on the socket meanwhile.
            await body.CopyToAsync(stream, 16 * 1024, ct);
            await stream.FlushAsync(ct);
        }
        catch (IOException ex)
        {
            // A plug that refuses the header closes without reading the rest; its answer, if it got out, says why.
            return await ReadAfterRefusalAsync(stream, ex, ct);
        }

        if (bodySent is not null)
        {
            await bodySent();
        }

        return await ReadReplyAsync(stream, ct);
    }

    public static Task<PlugHttpReply> PostAsync(Uri plug, string path, CancellationToken ct) =>
        PostAsync(plug, path, Stream.Null, 0, null, ct);

    private static async Task<PlugHttpReply> ReadAfterRefusalAsync(NetworkStream stream, IOException failure, CancellationToken ct)
    {
        using var brief = CancellationTokenSource.CreateLinkedTokenSource(ct);
        brief.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return await ReadReplyAsync(stream, brief.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new IOException($"the plug closed the connection during the upload ({failure.Message})", failure);
        }
    }

    private static async Task<PlugHttpReply> ReadReplyAsync(NetworkStream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while (buffer.Length < MaxReplyBytes && (read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return Parse(Encoding.Latin1.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>Parses "HTTP/1.1 -20 OK\n…\r\n\r\nbody", tolerating LF or CRLF line ends.</summary>
    public static PlugHttpReply Parse(string raw)
    {
        var lineEnd = raw.IndexOf('\n', StringComparison.Ordinal);
        var statusLine = (lineEnd < 0 ? raw : raw[..lineEnd]).TrimEnd('\r');
        var parts = statusLine.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var status))
        {
            throw new IOException($"the plug answered without an HTTP status line ({raw.Length} bytes)");
        }

        var bodyStart = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var crlf and >= 0 ? crlf + 4
            : raw.IndexOf("\n\n", StringComparison.Ordinal) is var lf and >= 0 ? lf + 2 : raw.Length;
        return new PlugHttpReply(status, raw[bodyStart..]);
    }
}
