using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hub.Devices.Tests.Discovery;

/// <summary>
/// A TCP server on 127.0.0.1 that answers each path with exactly the bytes it is given (bare LF, no Content-Length,
/// negative status), or never answers paths it does not know: faults injected on purpose.
/// </summary>
internal sealed class QuirkyHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, string> _answers;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public QuirkyHttpServer(Dictionary<string, string> answers)
    {
        _answers = answers;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public List<string> Requests { get; } = [];

    /// <summary>OpenBeken's head (http_setup): bare LF after the status line, "OK" whatever the status, no length.</summary>
    public static string OpenBekenHead(int status, string contentType) =>
        $"HTTP/1.1 {status} OK\nContent-type: {contentType}\r\nAccess-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n";

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[1024];
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                var path = head.ToString().Split(' ')[1];
                lock (Requests)
                {
                    Requests.Add(path);
                }

                if (!_answers.TryGetValue(path, out var answer))
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                await stream.WriteAsync(Encoding.UTF8.GetBytes(answer!), _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The client gave up or the test ended.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
