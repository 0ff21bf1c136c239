using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;

namespace Hub.Devices.Watchdog;

/// <summary>Runs one probe against its target. Failures are results, never exceptions.</summary>
internal sealed class ProbeRunner(IHttpClientFactory http, FleetState fleet, MqttLink link, TimeProvider time)
{
    public const string HttpClientName = "watchdog-probes";

    public async Task<ProbeResult> RunAsync(ProbeTarget target, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(target.Probe.TimeoutSeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            return target.Probe.Kind switch
            {
                ProbeKind.Ping => await PingAsync(target.Host!, timeout, deadline.Token),
                ProbeKind.Tcp => await ConnectAsync(target.Host!, target.Probe.Port ?? 0, deadline.Token),
                ProbeKind.Http => await GetAsync(target, deadline.Token),
                _ => Mqtt(target),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeResult.Failed($"no answer within {target.Probe.TimeoutSeconds} s");
        }
        catch (Exception ex) when (ex is SocketException or HttpRequestException or PingException or IOException)
        {
            return ProbeResult.Failed(ex.InnerException?.Message ?? ex.Message);
        }
    }

    private static async Task<ProbeResult> PingAsync(string host, TimeSpan timeout, CancellationToken ct)
    {
        using var ping = new Ping();
        var reply = await ping.SendPingAsync(host, timeout, cancellationToken: ct);
        return reply.Status == IPStatus.Success
            ? ProbeResult.Ok(string.Create(CultureInfo.InvariantCulture, $"echo reply in {reply.RoundtripTime} ms"))
            : ProbeResult.Failed($"ping: {reply.Status}");
    }

    private static async Task<ProbeResult> ConnectAsync(string host, int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, ct);
        return ProbeResult.Ok("connected");
    }

    private async Task<ProbeResult> GetAsync(ProbeTarget target, CancellationToken ct)
    {
        using var response = await http.CreateClient(HttpClientName)
            .GetAsync(target.HttpUrl(), HttpCompletionOption.ResponseHeadersRead, ct);
        var status = (int)response.StatusCode;
        return status == target.Probe.ExpectedStatus
            ? ProbeResult.Ok(string.Create(CultureInfo.InvariantCulture, $"HTTP {status}"))
            : ProbeResult.Failed(string.Create(CultureInfo.InvariantCulture,
                $"HTTP {status}, expected {target.Probe.ExpectedStatus}"));
    }

    private ProbeResult Mqtt(ProbeTarget target)
    {
        // While the hub itself cannot reach the broker, silence says nothing about the plugs.
        if (!link.IsConnected)
        {
            return ProbeResult.Unknown("the hub's MQTT link is down");
        }

        var state = fleet.Find(target.PlugId)?.State;
        if (state?.LastSeenAt is not { } seen)
        {
            return ProbeResult.Failed("no MQTT message since the hub started");
        }

        var silence = time.GetUtcNow() - seen;
        var text = string.Create(CultureInfo.InvariantCulture, $"last MQTT message {silence.TotalSeconds:0} s ago");
        if (!state.Online)
        {
            return ProbeResult.Failed("offline on MQTT (last will); " + text);
        }

        return silence <= TimeSpan.FromSeconds(target.Probe.MaxSilenceSeconds) ? ProbeResult.Ok(text) : ProbeResult.Failed(text);
    }
}
