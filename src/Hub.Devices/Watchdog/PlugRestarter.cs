using System.Globalization;
using Hub.Devices.Fleet;
using Hub.Devices.Protocols;

namespace Hub.Devices.Watchdog;

/// <summary>Restarts a plug over its own web server, for when its MQTT link is dead but the plug may still answer.</summary>
internal sealed class PlugRestarter(IHttpClientFactory http)
{
    public const string HttpClientName = "watchdog-restart";

    public async Task<ProbeResult> RestartAsync(Plug plug, TimeSpan timeout, CancellationToken ct)
    {
        if (HttpBase(plug) is not { } baseUri)
        {
            return ProbeResult.Failed("the plug's HTTP address is unknown");
        }

        // OpenBeken (and our firmware) take POST /api/reboot; Tasmota only has its command URL.
        using var request = plug.Protocol == PlugProtocolKind.Tasmota
            ? new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "/cm?cmnd=Restart%201"))
            : new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/api/reboot"));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, deadline.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? ProbeResult.Ok(string.Create(CultureInfo.InvariantCulture, $"{request.RequestUri} answered {status}"))
                : ProbeResult.Failed(string.Create(CultureInfo.InvariantCulture, $"{request.RequestUri} answered {status}"));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeResult.Failed($"{request.RequestUri} did not answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException ex)
        {
            return ProbeResult.Failed($"{request.RequestUri}: {ex.Message}");
        }
    }

    /// <summary>The plug's web server: its known endpoint, else port 80 on the address it reported.</summary>
    public static Uri? HttpBase(Plug plug)
    {
        if (!string.IsNullOrEmpty(plug.HttpEndpoint))
        {
            var text = plug.HttpEndpoint.Contains("://", StringComparison.Ordinal) ? plug.HttpEndpoint : "http://" + plug.HttpEndpoint;
            return Uri.TryCreate(text, UriKind.Absolute, out var endpoint) ? endpoint : null;
        }

        return string.IsNullOrEmpty(plug.Ip) || !Uri.TryCreate("http://" + plug.Ip, UriKind.Absolute, out var byIp) ? null : byIp;
    }
}
