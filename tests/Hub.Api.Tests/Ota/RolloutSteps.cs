using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Hub.Api.Live;
using Hub.Api.Tests.Live;
using Hub.Devices.Fleet;
using Hub.Devices.Ota.Rollouts;
using Hub.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Ota;

/// <summary>The steps every in-process rollout test takes: a fleet of adopted plugsim plugs, an uploaded image, polling.</summary>
internal static class RolloutSteps
{
    public static Dictionary<string, string?> TrustDevKey => new() { ["Ota:Firmware:TrustedKeys:0"] = OtaImages.DevPublicKeyPath };

    public static async Task<List<RolloutPlug>> RolloutPlugsAsync(IServiceProvider services, long rolloutId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DevicesDb>().RolloutPlugs.AsNoTracking()
            .Where(p => p.RolloutId == rolloutId).ToListAsync();
    }

    /// <summary>
    /// Adopts every plug and tells the hub where its web server is: plugsim's ports are ephemeral, and finding them is
    /// discovery's job, not this branch's.
    /// </summary>
    public static async Task<Dictionary<string, long>> FleetAsync(HubWithPlugs setup, string chip = "BL602")
    {
        var adopted = await Task.WhenAll(setup.Sim.Plugs.Keys.Select(async topic => (topic, id: await setup.AdoptAsync(topic))));
        var plugs = adopted.ToDictionary(a => a.topic, a => a.id);
        // Adoption restarts each plug on its new account; a rollout must not race that restart.
        var fleet = setup.Hub.Services.GetRequiredService<FleetState>();
        foreach (var id in plugs.Values)
        {
            Assert.True(await fleet.WaitUntilAsync(id, s => s.Online && s.BootCount >= 2, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        }

        await using (var scope = setup.Hub.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            foreach (var (topic, id) in plugs)
            {
                var endpoint = setup.Sim.Plugs[topic].ToString();
                await db.Plugs.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.HttpEndpoint, endpoint), TestContext.Current.CancellationToken);
            }
        }

        await Eventually.MatchAsync(() => BuildsAsync(setup), builds => plugs.Values.All(id => builds[id].StartsWith($"Open{chip} ", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30));
        return plugs;
    }

    public static async Task<Dictionary<long, string>> BuildsAsync(HubWithPlugs setup)
    {
        await using var scope = setup.Hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        return await db.Plugs.AsNoTracking().ToDictionaryAsync(p => p.Id, p => (p.Chip is null ? string.Empty : p.FirmwareBuild) ?? string.Empty);
    }

    public static async Task<long> UploadAsync(HubWithPlugs setup, string version)
    {
        using var key = OtaImages.DevKey();
        using var response = await setup.Client.PostBytesAsync("/api/firmware", OtaImages.PlugImage(key, "BL602", version, OtaImages.Payload(8000)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await HubHttpClient.ReadJsonAsync(response)).GetProperty("id").GetInt64();
    }

    public static Task<JsonElement> WaitForStatusAsync(HubWithPlugs setup, long id, string status, TimeSpan timeout) =>
        Eventually.MatchAsync(() => RolloutJsonAsync(setup, id), r => r.GetProperty("status").GetString() == status, timeout);

    public static async Task<JsonElement> RolloutJsonAsync(HubWithPlugs setup, long id)
    {
        using var response = await setup.Client.Http.GetAsync(new Uri($"/api/rollouts/{id}", UriKind.Relative));
        return await HubHttpClient.ReadJsonAsync(response);
    }

    /// <summary>A dashboard's live connection collecting rollout steps and, when asked, the rollouts' own changes.</summary>
    public static Task<HubConnection> WatchRolloutsAsync(HubWithPlugs setup, ConcurrentQueue<RolloutPlugChanged> pushed,
        ConcurrentQueue<RolloutChanged>? rolloutChanges = null) => LiveClient.ConnectAsync(setup.Hub, setup.Client, live =>
    {
        live.On<RolloutPlugChanged>(nameof(ILiveClient.RolloutPlugChanged), pushed.Enqueue);
        if (rolloutChanges is not null)
        {
            live.On<RolloutChanged>(nameof(ILiveClient.RolloutChanged), rolloutChanges.Enqueue);
        }
    });
}
