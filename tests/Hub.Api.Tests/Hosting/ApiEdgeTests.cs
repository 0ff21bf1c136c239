using System.Net;
using Hub.Testing;

namespace Hub.Api.Tests.Hosting;

public sealed class ApiEdgeTests
{
    [Fact]
    public async Task UnknownApiRoutesAnswer404ProblemDetails()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);

        using var response = await client.Http.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ReadinessReportsTheDatabasesAndTheBroker()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();

        using var ready = await client.Http.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        using var live = await client.Http.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);
        var checks = (await HubHttpClient.ReadJsonAsync(ready)).GetProperty("checks");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", checks.GetProperty("mqtt-broker").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("db-auth").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("db-devices").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("db-energy").GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheOpenApiDocumentAndMetricsNeedLoginAndDescribeTheHub()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();
        using var anonymousDoc = await client.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        using var anonymousMetrics = await client.Http.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        using var anonymousReference = await client.Http.GetAsync(new Uri("/scalar", UriKind.Relative), TestContext.Current.CancellationToken);
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        using var created = await client.SendAsync(HttpMethod.Post, "/api/tokens", new { name = "prometheus" });
        var token = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("token").GetString()!;

        using var doc = await client.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        // prometheus-net starts following .NET meters at its first scrape (prometheus-net#487), as Prometheus does anyway.
        using var firstScrape = await client.Http.SendAsync(HubHttpClient.WithToken(HttpMethod.Get, "/metrics", token),
            TestContext.Current.CancellationToken);
        using var write = await client.SendAsync(HttpMethod.Post, "/api/tokens", new { name = "a database write" });
        using var metrics = await client.Http.SendAsync(HubHttpClient.WithToken(HttpMethod.Get, "/metrics", token),
            TestContext.Current.CancellationToken);
        var metricsText = await metrics.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousDoc.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousMetrics.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymousReference.StatusCode);
        Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
        Assert.Contains("/api/tokens", await doc.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("http_requests_received_total", metricsText, StringComparison.Ordinal);
        Assert.Contains("hub_db_write_duration", metricsText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidSettingFailsStartWithAMessageNamingIt()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?> { ["Mqtt:Broker:Port"] = "70000" });

        var error = Record.Exception(() => hub.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("Mqtt:Broker:Port", error.ToString(), StringComparison.Ordinal);
    }
}
