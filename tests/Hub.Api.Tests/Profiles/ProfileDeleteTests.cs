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
    public async Task AProfileIsDeletedWithItsAssignmentsEvenWhileAPlugThatNeverReturnsStillWaitsForIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        using var created = await client.SendAsync(HttpMethod.Post, "/api/profiles", new { name = "To delete", relayStartState = 0 });
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("id").GetInt64();
        using var kept = await client.SendAsync(HttpMethod.Post, "/api/profiles", new { name = "To keep", relayStartState = 0 });
        var keptId = (await HubHttpClient.ReadJsonAsync(kept)).GetProperty("id").GetInt64();
        // Plugs the hub has never seen are never online, so these assignments stay as they are for as long as the test needs.
        await WithDbAsync(hub, db =>
        {
            db.ProfileAssignments.AddRange(
                new ProfileAssignment { ProfileId = id, PlugId = 4242, Status = ProfileAssignmentStatus.Pending },
                new ProfileAssignment { ProfileId = id, PlugId = 4243, Status = ProfileAssignmentStatus.Failed },
                new ProfileAssignment { ProfileId = keptId, PlugId = 4242, Status = ProfileAssignmentStatus.Pending });
            return db.SaveChangesAsync(ct);
        });

        using var deleted = await client.SendAsync(HttpMethod.Delete, $"/api/profiles/{id}");
        using var again = await client.SendAsync(HttpMethod.Delete, $"/api/profiles/{id}");
        using var assignments = await client.Http.GetAsync(new Uri($"/api/profiles/{id}/assignments", UriKind.Relative), ct);
        var left = new List<(long ProfileId, long PlugId)>();
        await WithDbAsync(hub, async db => left = (await db.ProfileAssignments.AsNoTracking().ToListAsync(ct))
            .Select(a => (a.ProfileId, a.PlugId)).ToList());

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, assignments.StatusCode);
        Assert.Equal([(keptId, 4242L)], left);
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
