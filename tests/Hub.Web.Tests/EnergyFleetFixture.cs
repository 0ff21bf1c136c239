using System.Net;

namespace Hub.Web.Tests;

/// <summary>
/// A hub of its own with two adopted plugs for the energy page tests: obk_000000 kept on (tag "kitchen", group
/// "downstairs") and obk_000001 kept off (tag "attic", group "upstairs"), so the busy one is the top consumer. No
/// other test switches them, and the tariff one test creates changes no other hub's costs.
/// </summary>
public sealed class EnergyFleetFixture : IAsyncLifetime
{
    public HubWithPlugs Fleet { get; private set; } = null!;

    public long BusyPlug => Fleet.PlugIds["obk_000000"];

    public long IdlePlug => Fleet.PlugIds["obk_000001"];

    public async ValueTask InitializeAsync()
    {
        Fleet = await HubWithPlugs.StartAsync(plugs: 2, adopted: 2);
        await SetUpAsync(BusyPlug, on: true, tag: "kitchen", group: "downstairs");
        await SetUpAsync(IdlePlug, on: false, tag: "attic", group: "upstairs");
    }

    public async ValueTask DisposeAsync()
    {
        if (Fleet is not null)
        {
            await Fleet.DisposeAsync();
        }
    }

    private async Task SetUpAsync(long plugId, bool on, string tag, string group)
    {
        // A freshly adopted plug restarts once more; the desired state has the hub switch it back after that.
        using (var desired = await Fleet.Api.SendAsync(HttpMethod.Put, $"/api/plugs/{plugId}/desired/1", new { mode = on ? "On" : "Off" }))
        {
            Assert.True(desired.IsSuccessStatusCode, $"Setting the desired state answered {desired.StatusCode}.");
        }

        await Fleet.SetRelayAsync(plugId, on);
        using var named = await Fleet.Api.SendAsync(HttpMethod.Patch, $"/api/plugs/{plugId}", new { tags = new[] { tag }, group });
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
    }
}
