using System.Net;
using System.Text;

namespace Hub.Devices.Discovery;

/// <summary>
/// One answer to M-SEARCH. OpenBeken's (fact sheet §3) has <c>SERVER: OpenBk</c>, a USN without the <c>uuid:</c>
/// prefix and an extra CRLF at the end; other UPnP devices answer in the standard shape. Only the fields the hub uses.
/// </summary>
internal sealed record SsdpResponse(IPEndPoint From, Uri Location, string? Usn, string? Server)
{
    public bool SaysOpenBeken => Server?.Contains("OpenBk", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The answer in <paramref name="datagram"/>, or null when it is not a usable search answer.</summary>
    public static SsdpResponse? Parse(ReadOnlySpan<byte> datagram, IPEndPoint from)
    {
        if (datagram.Length > 4096)
        {
            return null;
        }

        var lines = Encoding.Latin1.GetString(datagram).Split('\n');
        if (!lines[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !lines[0].Contains(" 200", StringComparison.Ordinal))
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }

        // Only http:// descriptions on the answering host itself: a LOCATION elsewhere would make the hub fetch
        // whatever address a datagram names.
        return headers.TryGetValue("LOCATION", out var text)
               && Uri.TryCreate(text, UriKind.Absolute, out var location) && location.Scheme == Uri.UriSchemeHttp
               && IPAddress.TryParse(location.Host, out var host) && host.Equals(from.Address)
            ? new SsdpResponse(from, location, headers.GetValueOrDefault("USN"), headers.GetValueOrDefault("SERVER"))
            : null;
    }
}
