using Hub.Devices.Protocols;
using Hub.Devices.Protocols.OpenBeken;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Discovery;

/// <summary>
/// Asks a web server who it is: OpenBeken's <c>/api/info</c> first, then Tasmota's <c>Status 0</c>. The reboot reason
/// comes from OpenBeken's index page because the JSON one (STATUS) is hard-coded (fact sheet §1.5, §5.3). Every
/// failure, however odd the server, becomes an outcome; nothing here throws at the caller but its own cancellation.
/// </summary>
internal sealed class HttpIdentifier(PlugHttpClient http, IOptions<DiscoveryOptions> options, TimeProvider time)
{
    // BL602 OpenBeken has two FW slots of 0xC8000 and 0x88000 bytes and an image goes to the inactive one; without
    // the plug saying which is active, only the smaller is a size every image must fit (fact sheet §2.4).
    private const long Bl602SmallerSlotBytes = 0x88000;

    private readonly TimeSpan _hostTimeout = TimeSpan.FromSeconds(options.Value.HostTimeoutSeconds);

    public async Task<IdentifyResult> IdentifyAsync(Uri endpoint, bool readRebootReason, CancellationToken ct)
    {
        var text = HttpFields.EndpointText(endpoint);
        using var deadline = new CancellationTokenSource(_hostTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            var info = await http.GetAsync(endpoint, "/api/info", linked.Token);
            if (info.Status == 401)
            {
                return new IdentifyResult(text, IdentifyOutcome.Unauthorized, Reason: "the plug's web password is set");
            }

            if (info.Status == 200 && OpenBekenIdentity(info.Body, text) is { } openBeken)
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

            return OpenBekenHttpParsers.ParseIndexState(index.Body).Value is { } state
                ? identity with { RebootReason = state.RebootReason, BootCount = state.BootCount ?? identity.BootCount }
                : identity;
        }
        catch (Exception ex) when (ex is PlugHttpException || (ex is OperationCanceledException && !caller.IsCancellationRequested))
        {
            // The identity stands without the reason; a later identify can fill it in.
            return identity;
        }
    }

    /// <summary>
    /// The identity in an <c>/api/info</c> body, read by the one OpenBeken parser; null when the body is not OpenBeken's
    /// info (a MAC and a chip or build), so the Tasmota question is asked next.
    /// </summary>
    private static PlugIdentity? OpenBekenIdentity(byte[] body, string endpoint)
    {
        if (OpenBekenHttpParsers.ParseInfo(body).Value is not { } info || (info.Chip is null && info.Build is null))
        {
            return null;
        }

        return new PlugIdentity
        {
            Protocol = PlugProtocolKind.OpenBeken,
            HttpEndpoint = endpoint,
            Topic = HttpFields.TopicLevel(info.MqttTopic),
            Mac = info.Mac,
            Chip = info.Chip,
            FirmwareBuild = OpenBekenHttpParsers.MqttStyleBuild(info.Build, info.Chip) ?? info.Version ?? info.Build,
            ShortName = info.ShortName,
            Ip = info.Ip,
            UptimeSeconds = info.UptimeSeconds,
            OtaPartitionBytes = info.OtaPartitionSize
                ?? (string.Equals(info.Chip, "BL602", StringComparison.OrdinalIgnoreCase) ? Bl602SmallerSlotBytes : null),
            BootCount = info.BootCount,
        };
    }
}
