using System.Net.Http.Headers;

namespace Hub.Devices.Alerts.Channels;

/// <summary>POSTs the alert as JSON, signed; retries with back-off come from the client's resilience handler.</summary>
internal sealed class WebhookSender(IHttpClientFactory http) : IAlertSender
{
    public const string HttpClientName = "alert-webhook";

    public AlertChannelKind Kind => AlertChannelKind.Webhook;

    public async Task SendAsync(AlertChannel channel, AlertNotification notification, CancellationToken ct)
    {
        if (!Uri.TryCreate(channel.Url, UriKind.Absolute, out var url))
        {
            throw new InvalidOperationException("The webhook channel has no valid URL");
        }

        var body = AlertPayload.Serialize(notification);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("X-Hub-Event", notification.Notice.ToString());
        if (!string.IsNullOrEmpty(channel.Secret))
        {
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(channel.Secret, body));
        }

        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}
