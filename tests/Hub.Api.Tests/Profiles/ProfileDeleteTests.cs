using System.Net;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Profiles;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Profiles;

public sealed class ProfileDeleteTests
{
    [Fact]
    public async Task AProfileIsDeletedWithItsHistoryButNotWhileAPlugStillWaitsForIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        using var created = await client.SendAsync(HttpMethod.Post, "/api/profiles", new { name = "To delete", relayStartState = 0 });
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("id").GetInt64();
        // A plug the hub has never seen is never online, so its assignment stays pending for as long as the test needs.
        await WithDbAsync(hub, db =>
        {
            db.ProfileAssignments.Add(new ProfileAssignment { ProfileId = id, PlugId = 4242, Status = ProfileAssignmentStatus.Pending });
            return db.SaveChangesAsync(ct);
        });

        using var whilePending = await client.SendAsync(HttpMethod.Delete, $"/api/profiles/{id}");
        var problem = await HubHttpClient.ReadJsonAsync(whilePending);
        await WithDbAsync(hub, db => db.ProfileAssignments.Where(a => a.ProfileId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ProfileAssignmentStatus.Failed), ct));
        using var deleted = await client.SendAsync(HttpMethod.Delete, $"/api/profiles/{id}");
        using var again = await client.SendAsync(HttpMethod.Delete, $"/api/profiles/{id}");
        using var assignments = await client.Http.GetAsync(new Uri($"/api/profiles/{id}/assignments", UriKind.Relative), ct);
        var left = 0;
        await WithDbAsync(hub, async db => left = await db.ProfileAssignments.CountAsync(a => a.ProfileId == id, ct));

        Assert.Equal(HttpStatusCode.Conflict, whilePending.StatusCode);
        Assert.Contains("1 plug(s) are still waiting", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, assignments.StatusCode);
        Assert.Equal(0, left);
    }

    [Fact]
    public async Task APendingApplyWhoseProfileWasDeletedUnderItIsDroppedAndDoesNotStopOtherProfiles()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await HubWithPlugs.StartAsync(1);
        var plugId = await setup.AdoptAsync("obk_000000");
        // What an apply that lands between a delete's check and its commit leaves behind: a row without its profile.
        const long deletedProfile = 999_999;
        await WithDbAsync(setup.Hub, db =>
        {
            db.ProfileAssignments.Add(new ProfileAssignment { ProfileId = deletedProfile, PlugId = plugId, Status = ProfileAssignmentStatus.Pending });
            return db.SaveChangesAsync(ct);
        });

        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/profiles", new { name = "Still works", relayStartState = 0 });
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("id").GetInt64();
        using var applied = await setup.Client.SendAsync(HttpMethod.Post, $"/api/profiles/{id}/apply", new { plugIds = new[] { plugId } });
        var status = await Eventually.MatchAsync(async () =>
        {
            using var response = await setup.Client.Http.GetAsync(new Uri($"/api/profiles/{id}/assignments", UriKind.Relative), ct);
            return (await HubHttpClient.ReadJsonAsync(response)).EnumerateArray().Single().GetProperty("status").GetString();
        }, s => s != "Pending", TimeSpan.FromSeconds(60));
        var orphans = -1;
        await WithDbAsync(setup.Hub, async db => orphans = await db.ProfileAssignments.CountAsync(a => a.ProfileId == deletedProfile, ct));

        Assert.Equal("Applied", status);
        Assert.Equal(0, orphans);
    }

    private static async Task WithDbAsync(HubFactory hub, Func<DevicesDb, Task> action)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<DevicesDb>());
    }
}
