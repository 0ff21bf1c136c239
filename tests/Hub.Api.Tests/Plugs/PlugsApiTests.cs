using System.Net;
using Hub.Devices.Fleet;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Plugs;

public sealed class PlugsApiTests
{
    [Fact]
    public async Task ARelayCommandAnswersWhenThePlugConfirmsAndIsRecordedWithItsUser()
    {
        await using var setup = await HubWithPlugs.StartAsync();
        var id = await setup.AdoptAsync("obk_000000");

        using var on = await setup.Client.SendAsync(HttpMethod.Post, $"/api/plugs/{id}/relays/1", new { action = "On" });
        var onBody = await HubHttpClient.ReadJsonAsync(on);
        using var toggle = await setup.Client.SendAsync(HttpMethod.Post, $"/api/plugs/{id}/relays/1", new { action = "Toggle" });
        var toggleBody = await HubHttpClient.ReadJsonAsync(toggle);
        using var history = await setup.Client.Http.GetAsync(new Uri($"/api/plugs/{id}/history", UriKind.Relative), TestContext.Current.CancellationToken);
        var entries = (await HubHttpClient.ReadJsonAsync(history)).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.True(onBody.GetProperty("on").GetBoolean());
        Assert.False(toggleBody.GetProperty("on").GetBoolean());
        Assert.Contains(entries, e => e.GetProperty("kind").GetString() == "RelayChanged" && e.GetProperty("actor").GetString() == "admin");
        Assert.Contains(entries, e => e.GetProperty("kind").GetString() == "Adopted");
    }

    [Fact]
    public async Task PendingUnknownAndMalformedCommandsGetProblemDetails()
    {
        await using var setup = await HubWithPlugs.StartAsync();
        var id = await setup.OnlinePlugIdAsync("obk_000000");

        using var pending = await setup.Client.SendAsync(HttpMethod.Post, $"/api/plugs/{id}/relays/1", new { action = "On" });
        using var unknown = await setup.Client.SendAsync(HttpMethod.Post, "/api/plugs/999999/relays/1", new { action = "On" });
        using var badAction = await setup.Client.SendAsync(HttpMethod.Post, $"/api/plugs/{id}/relays/1", new { action = "Explode" });
        using var badChannel = await setup.Client.SendAsync(HttpMethod.Post, $"/api/plugs/{id}/relays/0", new { action = "On" });

        Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
        Assert.Equal("Plug not adopted", (await HubHttpClient.ReadJsonAsync(pending)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badAction.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badChannel.StatusCode);
        Assert.Equal("application/problem+json", badChannel.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task APlugThatStopsAnsweringGivesATimeoutAndAnOfflineOneAConflict()
    {
        await using var setup = await HubWithPlugs.StartAsync(1,
            new Dictionary<string, string?> { ["Commands:ConfirmTimeoutSeconds"] = "2" }, "--watchdog-timeout-s", "60");
        var id = await setup.AdoptAsync("obk_000000");
        await setup.Sim.CommandAsync("freeze obk_000000");

        using var frozen = await setup.Client.SendAsync(HttpMethod.Post, $"/api/plugs/{id}/relays/1", new { action = "On" });
        await setup.Sim.DisposeAsync();
        var fleet = setup.Hub.Services.GetRequiredService<FleetState>();
        Assert.True(await fleet.WaitUntilAsync(id, s => !s.Online, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        using var offline = await setup.Client.SendAsync(HttpMethod.Post, $"/api/plugs/{id}/relays/1", new { action = "On" });

        Assert.Equal(HttpStatusCode.GatewayTimeout, frozen.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, offline.StatusCode);
        Assert.Equal("Plug offline", (await HubHttpClient.ReadJsonAsync(offline)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task TheFleetListFiltersByStatusTagAndSearch()
    {
        await using var setup = await HubWithPlugs.StartAsync(3);
        var adopted = await setup.AdoptAsync("obk_000001");
        await setup.OnlinePlugIdAsync("obk_000000");
        await setup.OnlinePlugIdAsync("obk_000002");
        using var tag = await setup.Client.SendAsync(HttpMethod.Patch, $"/api/plugs/{adopted}", new { name = "Fridge", tags = new[] { "kitchen" } });

        var all = await ListAsync(setup, "");
        var pending = await ListAsync(setup, "?status=pending");
        var kitchen = await ListAsync(setup, "?tag=KITCHEN");
        var search = await ListAsync(setup, "?search=Fridge");

        Assert.Equal(HttpStatusCode.OK, tag.StatusCode);
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(2, pending.GetProperty("total").GetInt32());
        Assert.Equal("obk_000001", kitchen.GetProperty("items")[0].GetProperty("topic").GetString());
        Assert.Equal(1, search.GetProperty("total").GetInt32());
    }

    private static async Task<System.Text.Json.JsonElement> ListAsync(HubWithPlugs setup, string query)
    {
        using var response = await setup.Client.Http.GetAsync(new Uri("/api/plugs" + query, UriKind.Relative), TestContext.Current.CancellationToken);
        return await HubHttpClient.ReadJsonAsync(response);
    }
}
