using System.Net;
using Hub.Devices.Alerts;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Alerts;

public sealed class AlertsApiTests
{
    [Fact]
    public async Task AnOpenAlertIsListedAndAcknowledgedByTheUser()
    {
        await using var hub = new HubFactory();
        using var client = await LoggedInAsync(hub);
        var raised = await hub.Services.GetRequiredService<AlertCenter>().RaiseAsync(new AlertRaise("offline:5", "Offline",
            AlertSeverity.Warning, 5, "obk_000005 is offline", "Offline for 12 min"), TestContext.Current.CancellationToken);

        var open = await GetJsonAsync(client, "/api/alerts");
        using var ack = await client.SendAsync(HttpMethod.Post, $"/api/alerts/{raised!.Id}/acknowledge");
        var acknowledged = await GetJsonAsync(client, "/api/alerts?state=acknowledged");
        using var unknown = await client.SendAsync(HttpMethod.Post, "/api/alerts/999/acknowledge");
        using var badState = await client.Http.GetAsync(new Uri("/api/alerts?state=sideways", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("offline:5", open[0].GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("admin", acknowledged[0].GetProperty("acknowledgedBy").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
    }

    [Fact]
    public async Task ChannelSecretsAreNeverShownAndAFailingTestAnswersBadGateway()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?> { ["Alerts:Channels:WebhookRetries"] = "1",
            ["Alerts:Channels:WebhookRetryDelayMilliseconds"] = "10" });
        using var client = await LoggedInAsync(hub);

        using var created = await client.SendAsync(HttpMethod.Post, "/api/alerts/channels", new
        {
            name = "hook", kind = "Webhook", url = $"http://127.0.0.1:{FreePort.Next()}/hook", secret = "very-secret",
            minSeverity = "Critical", tags = new[] { "garage" },
        });
        var body = await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("id").GetInt64();
        using var renamed = await client.SendAsync(HttpMethod.Put, $"/api/alerts/channels/{id}", new
        {
            name = "garage hook", kind = "Webhook", url = $"http://127.0.0.1:{FreePort.Next()}/hook",
        });
        var listed = await GetJsonAsync(client, "/api/alerts/channels");
        using var test = await client.SendAsync(HttpMethod.Post, $"/api/alerts/channels/{id}/test");
        using var missing = await client.SendAsync(HttpMethod.Post, "/api/alerts/channels/999/test");
        using var noUrl = await client.SendAsync(HttpMethod.Post, "/api/alerts/channels", new { name = "x", kind = "Webhook" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("very-secret", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.True(listed[0].GetProperty("hasSecret").GetBoolean());
        Assert.Equal("garage hook", listed[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadGateway, test.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noUrl.StatusCode);
    }

    [Fact]
    public async Task AlertsNeedALogin()
    {
        await using var hub = new HubFactory();
        using var anonymous = await hub.CreateHubClientAsync();

        using var response = await anonymous.Http.GetAsync(new Uri("/api/alerts", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<HubHttpClient> LoggedInAsync(HubFactory hub)
    {
        var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        login.EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<System.Text.Json.JsonElement> GetJsonAsync(HubHttpClient client, string url)
    {
        using var response = await client.Http.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        return await HubHttpClient.ReadJsonAsync(response);
    }
}
