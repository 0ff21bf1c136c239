using System.Text;

namespace Hub.Devices.Discovery;

/// <summary>One answer from a plug's web server, as read off the socket. <see cref="Status"/> may be OpenBeken's -20.</summary>
internal sealed record PlugHttpResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
