using System.Net;
using System.Net.Http.Json;
using Hub.Testing;

namespace Hub.Api.Tests.Auth;

public sealed class LoginTests
{
    [Fact]
    public async Task AnonymousApiCallIsAnsweredWith401ProblemDetails()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();

        using var response = await client.Http.GetAsync(new Uri("/api/tokens", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await HubHttpClient.ReadJsonAsync(response);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task PagesRedirectToLoginButTheLoginPageIsPublic()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();

        using var page = await client.Http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        using var login = await client.Http.GetAsync(new Uri("/login", UriKind.Relative), TestContext.Current.CancellationToken);
        var loginHtml = await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // The sign-in page's bundle has a content hash in its name; take it from the page.
        var scriptPath = System.Text.RegularExpressions.Regex.Match(loginHtml, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        using var script = await client.Http.GetAsync(new Uri(scriptPath, UriKind.Relative), TestContext.Current.CancellationToken);
        using var appScript = await client.Http.GetAsync(new Uri("/app.js", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("login-form", loginHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, appScript.StatusCode);
    }

    [Fact]
    public async Task RightPasswordStartsASessionThatReachesTheApiAndTheDashboard()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();

        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        using var me = await client.Http.GetAsync(new Uri("/api/auth/me", UriKind.Relative), TestContext.Current.CancellationToken);
        using var page = await client.Http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HubFactory.AdminUser, (await HubHttpClient.ReadJsonAsync(me)).GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task WrongPasswordIsRefusedAndTheAccountLocksAfterTheConfiguredCount()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?> { ["Auth:MaxFailedAccessAttempts"] = "3" });
        using var client = await hub.CreateHubClientAsync();

        var refusals = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var wrong = await client.LoginAsync(HubFactory.AdminUser, "not-the-password");
            refusals.Add(wrong.StatusCode);
        }

        using var stillOpen = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        using var logout = await client.SendAsync(HttpMethod.Post, "/api/auth/logout");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var wrong = await client.LoginAsync(HubFactory.AdminUser, "not-the-password");
            refusals.Add(wrong.StatusCode);
        }

        using var locked = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], refusals);
        Assert.Equal(HttpStatusCode.Forbidden, locked.StatusCode);
        Assert.Equal("Account locked", (await HubHttpClient.ReadJsonAsync(locked)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task LoginWithoutAntiforgeryTokenIsRejected()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();

        using var response = await client.Http.PostAsJsonAsync("/api/auth/login",
            new { userName = HubFactory.AdminUser, password = hub.AdminPassword }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Antiforgery", (await HubHttpClient.ReadJsonAsync(response)).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginAttemptsAreRateLimitedPerClient()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?> { ["Auth:LoginAttemptsPerMinute"] = "3" });
        using var client = await hub.CreateHubClientAsync();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await client.LoginAsync("nobody", "whatever-password");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests], statuses);
    }
}
