using Microsoft.Extensions.Options;

namespace Hub.Devices.Discovery;

/// <summary>
/// Asks a web server who it is: OpenBeken's <c>/api/info</c> first, then Tasmota's <c>Status 0</c>. The reboot reason
/// comes from OpenBeken's index page because the JSON one (STATUS) is hard-coded (fact sheet §1.5, §5.3). Every
/// failure, however odd the server, becomes an outcome; nothing here throws at the caller but its own cancellation.
/// </summary>
internal sealed class HttpIdentifier(PlugHttpClient http, IOptions<DiscoveryOptions> options, TimeProvider time)
{
    private readonly TimeSpan _hostTimeout = TimeSpan.FromSeconds(options.Value.HostTimeoutSeconds);

    public async Task<IdentifyResult> IdentifyAsync(Uri endpoint, bool readRebootReason, CancellationToken ct)
    {
        var text = OpenBekenHttp.EndpointText(endpoint);
        using var deadline = new CancellationTokenSource(_hostTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            var info = await http.GetAsync(endpoint, "/api/info", linked.Token);
            if (info.Status == 401)
            {
                return new IdentifyResult(text, IdentifyOutcome.Unauthorized, Reason: "the plug's web password is set");
            }

            if (info.Status == 200 && OpenBekenHttp.ParseInfo(info.Text, endpoint) is { } openBeken)
            {
                return new IdentifyResult(text, IdentifyOutcome.Identified,
                    readRebootReason ? await WithRebootReasonAsync(endpoint, openBeken, linked.Token, ct) : openBeken);
            }

            // Tasmota with a web password answers {"WARNING":"Need user=<username>&password=<password>"}.
            var status = await http.GetAsync(endpoint, "/cm?cmnd=Status%200", linked.Token);
            if (status.Status == 401 || status.Text.Contains("Need user=", StringComparison.Ordinal))
            {
                return new IdentifyResult(text, IdentifyOutcome.Unauthorized, Reason: "the plug's web password is set");
            }

            return status.Status == 200 && TasmotaStatusZero.Parse(status.Text, endpoint) is { } tasmota
                ? new IdentifyResult(text, IdentifyOutcome.Identified, tasmota)
                : new IdentifyResult(text, IdentifyOutcome.NotAPlug, Reason: $"answered {info.Status} to /api/info and {status.Status} to Status 0");
        }
        catch (PlugHttpException ex)
        {
            return new IdentifyResult(text, ex.Failure switch
            {
                PlugHttpFailure.Unreachable => IdentifyOutcome.Unreachable,
                PlugHttpFailure.TimedOut => IdentifyOutcome.TimedOut,
                _ => IdentifyOutcome.NotAPlug,
            }, Reason: ex.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new IdentifyResult(text, IdentifyOutcome.TimedOut, Reason: $"no answer within {_hostTimeout.TotalSeconds:0} s");
        }
    }

    private async Task<PlugIdentity> WithRebootReasonAsync(
        Uri endpoint, PlugIdentity identity, CancellationToken ct, CancellationToken caller)
    {
        try
        {
            var index = await http.GetAsync(endpoint, "/index?state=1", ct);
            if (index.Status != 200)
            {
                return identity;
            }

            var html = index.Text;
            return identity with
            {
                RebootReason = OpenBekenHttp.RebootReason(html) ?? identity.RebootReason,
                BootCount = OpenBekenHttp.BootCount(html) ?? identity.BootCount,
            };
        }
        catch (Exception ex) when (ex is PlugHttpException || (ex is OperationCanceledException && !caller.IsCancellationRequested))
        {
            // The identity stands without the reason; a later identify can fill it in.
            return identity;
        }
    }
}
