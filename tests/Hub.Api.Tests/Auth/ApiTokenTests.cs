using System.Net;
using Hub.Testing;

namespace Hub.Api.Tests.Auth;

public sealed class ApiTokenTests
{
    [Fact]
    public async Task ATokenWorksUntilItIsRevoked()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        using var created = await client.SendAsync(HttpMethod.Post, "/api/tokens", new { name = "backup script" });
        var body = await HubHttpClient.ReadJsonAsync(created);
        var token = body.GetProperty("token").GetString()!;
        var id = body.GetProperty("id").GetString()!;
        using var anonymous = hub.CreateClient();

        using var withToken = await anonymous.SendAsync(HubHttpClient.WithToken(HttpMethod.Get, "/api/auth/me", token),
            TestContext.Current.CancellationToken);
        var me = await HubHttpClient.ReadJsonAsync(withToken);
        using var revoke = await client.SendAsync(HttpMethod.Delete, $"/api/tokens/{id}");
        using var afterRevoke = await anonymous.SendAsync(HubHttpClient.WithToken(HttpMethod.Get, "/api/auth/me", token),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal("token", me.GetProperty("authenticatedBy").GetString());
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal("application/problem+json", afterRevoke.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AMadeUpTokenIsRefused()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();

        using var response = await client.Http.SendAsync(
            HubHttpClient.WithToken(HttpMethod.Get, "/api/auth/me", "hub_" + Guid.NewGuid().ToString("N")),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ATokenRequestWithoutANameIsAValidationProblem()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);

        using var response = await client.SendAsync(HttpMethod.Post, "/api/tokens", new { name = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await HubHttpClient.ReadJsonAsync(response)).TryGetProperty("errors", out _));
    }
}
