using System.Net;
using System.Text.Json;
using Hub.Devices.Fleet;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Profiles;

public sealed class ProfilesApiTests
{
    [Fact]
    public async Task AProfileReachesOnlinePlugsAtOnceAndAnOfflinePlugWhenItReturns()
    {
        await using var setup = await HubWithPlugs.StartAsync(2);
        var online = await setup.AdoptAsync("obk_000000");
        var away = await setup.AdoptAsync("obk_000001");
        var fleet = setup.Hub.Services.GetRequiredService<FleetState>();
        await setup.Sim.CommandAsync("wifi-drop obk_000001 12");
        Assert.True(await fleet.WaitUntilAsync(away, s => !s.Online, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/profiles", new { name = "Start on", relayStartState = 1 });
        var profileId = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("id").GetInt64();
        using var applied = await setup.Client.SendAsync(HttpMethod.Post, $"/api/profiles/{profileId}/apply", new { });

        var first = await Eventually.MatchAsync(() => AssignmentsAsync(setup, profileId),
            a => a[online] == "Applied", TimeSpan.FromSeconds(30));
        Assert.Equal("Pending", first[away]);
        var later = await Eventually.MatchAsync(() => AssignmentsAsync(setup, profileId),
            a => a[away] == "Applied", TimeSpan.FromSeconds(90));
        // The adoption restart may still be under way: compare with the boot count seen once the plug is back online.
        Assert.True(await fleet.WaitUntilAsync(online, s => s.Online && s.BootCount is not null, TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));
        var bootCountBeforeReboot = fleet.Find(online)?.State.BootCount;
        await setup.Sim.CommandAsync("reboot obk_000000");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, applied.StatusCode);
        Assert.Equal("Applied", later[online]);
        var bootsBefore = bootCountBeforeReboot ?? 0;
        var restarted = await fleet.WaitUntilAsync(online, s => s.BootCount > bootsBefore && s.Relays.GetValueOrDefault(1),
            TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var state = fleet.Find(online)?.State;
        Assert.True(restarted, $"boot count {state?.BootCount} (was {bootsBefore}), relay 1 {state?.Relays.GetValueOrDefault(1)}, online {state?.Online}"
            + "\n" + string.Join("\n", setup.Sim.Output.Where(l => l.Contains("obk_000000", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task AnEmptyOrDuplicateProfileIsRefused()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);

        using var empty = await client.SendAsync(HttpMethod.Post, "/api/profiles", new { name = "Nothing" });
        using var first = await client.SendAsync(HttpMethod.Post, "/api/profiles", new { name = "Calibrated", voltageCalibration = 230.0 });
        using var again = await client.SendAsync(HttpMethod.Post, "/api/profiles", new { name = "Calibrated", voltageCalibration = 231.0 });
        using var outOfRange = await client.SendAsync(HttpMethod.Post, "/api/profiles", new { name = "Odd", relayStartState = 5 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
    }

    private static async Task<Dictionary<long, string>> AssignmentsAsync(HubWithPlugs setup, long profileId)
    {
        using var response = await setup.Client.Http.GetAsync(new Uri($"/api/profiles/{profileId}/assignments", UriKind.Relative));
        var items = await HubHttpClient.ReadJsonAsync(response);
        return items.EnumerateArray().ToDictionary(a => a.GetProperty("plugId").GetInt64(), a => a.GetProperty("status").GetString()!);
    }
}
