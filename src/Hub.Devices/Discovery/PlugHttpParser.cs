using System.Globalization;
using System.Text;

namespace Hub.Devices.Discovery;

/// <summary>
/// Reads an HTTP answer leniently: bare LF or CRLF line ends, any reason phrase, signed status codes (OpenBeken's -20),
/// a body ended by Content-Length, by chunks or by the close of the socket.
/// </summary>
internal static class PlugHttpParser
{
    public static bool CompleteByLength(ReadOnlySpan<byte> data)
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

    public static PlugHttpResponse Parse(ReadOnlySpan<byte> data)
    {
        // Closed without a byte: a plug out of connection slots or still booting does this; it is not a foreign server.
        if (data.IsEmpty)
        {
            throw new PlugHttpException(PlugHttpFailure.Unreachable, "closed without answering");
        }

        var (headEnd, bodyStart) = FindHeadEnd(data);
        if (headEnd < 0)
        {
            throw new PlugHttpException(PlugHttpFailure.Malformed, "answer has no end of head");
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
