using System.Net;
using Hub.Testing;

namespace Hub.Api.Tests.Auth;

public sealed class UsersApiTests
{
    private const string AlicePassword = "alice-first-password";

    [Fact]
    public async Task TheAdministratorCreatesAUserWhoCanSignInButNotManageUsers()
    {
        await using var hub = new HubFactory();
        using var admin = await SignedInAsync(hub, HubFactory.AdminUser, hub.AdminPassword);

        using var created = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = "alice", password = AlicePassword });
        using var again = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = "alice", password = AlicePassword });
        using var tooShort = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = "bob", password = "short" });
        using var alice = await SignedInAsync(hub, "alice", AlicePassword);
        using var aliceLists = await alice.Http.GetAsync(new Uri("/api/users", UriKind.Relative), TestContext.Current.CancellationToken);
        using var list = await admin.Http.GetAsync(new Uri("/api/users", UriKind.Relative), TestContext.Current.CancellationToken);
        var users = (await HubHttpClient.ReadJsonAsync(list)).EnumerateArray()
            .ToDictionary(u => u.GetProperty("userName").GetString()!, u => u.GetProperty("isAdmin").GetBoolean());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.True((await HubHttpClient.ReadJsonAsync(tooShort)).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.Forbidden, aliceLists.StatusCode);
        Assert.Equal(new Dictionary<string, bool> { ["admin"] = true, ["alice"] = false }, users);
    }

    [Fact]
    public async Task AResetPasswordReplacesTheOldOneAndADeletedUserCannotSignIn()
    {
        await using var hub = new HubFactory();
        using var admin = await SignedInAsync(hub, HubFactory.AdminUser, hub.AdminPassword);
        using var created = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = "alice", password = AlicePassword });
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("id").GetString();
        using var list = await admin.Http.GetAsync(new Uri("/api/users", UriKind.Relative), TestContext.Current.CancellationToken);
        var adminId = (await HubHttpClient.ReadJsonAsync(list)).EnumerateArray()
            .Single(u => u.GetProperty("isAdmin").GetBoolean()).GetProperty("id").GetString();

        using var reset = await admin.SendAsync(HttpMethod.Post, $"/api/users/{id}/password", new { password = "alice-second-password" });
        var oldLogin = await LoginStatusAsync(hub, "alice", AlicePassword);
        var newLogin = await LoginStatusAsync(hub, "alice", "alice-second-password");
        using var deleted = await admin.SendAsync(HttpMethod.Delete, $"/api/users/{id}");
        var afterDelete = await LoginStatusAsync(hub, "alice", "alice-second-password");
        using var deleteAdmin = await admin.SendAsync(HttpMethod.Delete, $"/api/users/{adminId}");

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, oldLogin);
        Assert.Equal(HttpStatusCode.OK, newLogin);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, afterDelete);
        Assert.Equal(HttpStatusCode.Conflict, deleteAdmin.StatusCode);
    }

    private static async Task<HubHttpClient> SignedInAsync(HubFactory hub, string user, string password)
    {
        var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client;
    }

    private static async Task<HttpStatusCode> LoginStatusAsync(HubFactory hub, string user, string password)
    {
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(user, password);
        return login.StatusCode;
    }
}
