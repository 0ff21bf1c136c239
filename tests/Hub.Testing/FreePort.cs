using System.Net;
using System.Net.Sockets;

namespace Hub.Testing;

public static class FreePort
{
    private const int Span = 12_000;
    private static readonly int First = Math.Max(1024, EphemeralStart() - Span);
    private static int _next = Random.Shared.Next(Span);

    /// <summary>
    /// A TCP port on 127.0.0.1 that nobody listens on, below the kernel's ephemeral range. A port from that range (what
    /// binding port 0 gives) can be handed to any outgoing connection or port-0 listener, plugsim's web servers among
    /// them, in the seconds before the hub binds it; below the range only listeners that ask for a number appear.
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            // Round robin within this process never hands out a port twice; the random start keeps parallel test
            // processes apart.
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Span);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }

        throw new InvalidOperationException($"No free loopback port in {First}-{First + Span - 1}.");
    }

    private static int EphemeralStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }
}
