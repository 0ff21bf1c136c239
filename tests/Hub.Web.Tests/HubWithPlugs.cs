using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Testing;

namespace Hub.Web.Tests;

/// <summary>
/// The hub as a real process on free loopback ports with its own data folder, and plugsim plugs on its embedded broker;
/// some adopted over the API, the rest left pending. The hub can be stopped and started again on the same ports and
/// data, the way an upgrade or a crash looks to an open dashboard.
/// </summary>
public sealed class HubWithPlugs : IAsyncDisposable
{
    private readonly TempFolder _folder = new("dashboard");
    private readonly string _bootstrapPassword = "bootstrap-" + Guid.NewGuid().ToString("N")[..12];

    private readonly Dictionary<string, string> _settings;

    private HubWithPlugs(IReadOnlyDictionary<string, string>? settings)
    {
        _settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    }

    public string AdminPassword { get; } = "web-admin-" + Guid.NewGuid().ToString("N")[..12];

    public HubProcess Hub { get; private set; } = null!;

    public PlugSim Sim { get; private set; } = null!;

    public HubHttpClient Api { get; private set; } = null!;

    /// <summary>Plug topic → id, for every plug plugsim runs.</summary>
    public Dictionary<string, long> PlugIds { get; } = new(StringComparer.Ordinal);

    public string HubFolder => _folder.Combine("hub");

    /// <param name="settings">Extra hub settings as environment variables (<c>Ota__Firmware__TrustedKeys__0</c>, …).</param>
    public static async Task<HubWithPlugs> StartAsync(int plugs, int adopted, IReadOnlyDictionary<string, string>? settings = null)
    {
        var setup = await StartWithoutWaitingAsync(plugs, settings);
        try
        {
            await setup.RegisterAsync(plugs, adopted);
            return setup;
        }
        catch
        {
            await setup.DisposeAsync();
            throw;
        }
    }

    /// <summary>The hub and plugsim started; the plugs are still connecting and being discovered.</summary>
    public static async Task<HubWithPlugs> StartWithoutWaitingAsync(int plugs, IReadOnlyDictionary<string, string>? settings = null)
    {
        var setup = new HubWithPlugs(settings);
        try
        {
            Directory.CreateDirectory(setup.HubFolder);
            setup.Hub = HubProcess.Start(setup.HubFolder, setup.Environment());
            await setup.Hub.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            setup.Api = await setup.LoginAsync();
            setup.Sim = await PlugSim.StartAsync(new PlugSimOptions(setup.Hub.BrokerPort, "bootstrap", setup._bootstrapPassword,
                setup._folder.Combine("sim")) { Count = plugs, PublishIntervalSeconds = 1 });
            return setup;
        }
        catch
        {
            await setup.DisposeAsync();
            throw;
        }
    }

    private async Task RegisterAsync(int plugs, int adopted)
    {
        var setup = this;
        var seen = await Eventually.MatchAsync(() => setup.ListAsync("?pageSize=1000"), list => list.Count(p => p.Online) == plugs,
            TimeSpan.FromSeconds(30 + plugs / 10));
        foreach (var plug in seen)
        {
            setup.PlugIds[plug.Topic] = plug.Id;
        }

        foreach (var topic in setup.PlugIds.Keys.Order(StringComparer.Ordinal).Take(adopted))
        {
            using var response = await setup.Api.SendAsync(HttpMethod.Post, $"/api/plugs/{setup.PlugIds[topic]}/adopt");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Adopted plugs reconnect on their own broker accounts; they are ready once they are back online.
        await Eventually.MatchAsync(() => setup.ListAsync("?status=Adopted"), list => list.Count(p => p.Online) == adopted,
            TimeSpan.FromSeconds(30));
    }

    /// <summary>Kills the hub process; plugs and open browsers see the connection drop.</summary>
    public Task StopHubAsync() => Hub.DisposeAsync().AsTask();

    /// <summary>Starts the hub again on the same ports and data folder.</summary>
    public async Task StartHubAgainAsync()
    {
        Hub = HubProcess.Start(HubFolder, Environment(), Hub.HttpPort, Hub.BrokerPort);
        await Hub.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        Api.Dispose();
        Api = await LoginAsync();
    }

    /// <summary>An MQTT client on the hub's own broker account, like another tool of the owner's would use.</summary>
    public async Task<MqttProbe> ConnectAsHubAsync(params string[] filters)
    {
        var password = (await File.ReadAllTextAsync(Path.Combine(HubFolder, "data", "secrets", "mqtt-hub-password"))).Trim();
        return await MqttProbe.ConnectAsync(Hub.BrokerPort, "hub", password, filters);
    }

    public async Task<bool?> RelayAsync(long plugId)
    {
        var details = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/plugs/{plugId}");
        return details.GetProperty("state").GetProperty("relays").TryGetProperty("1", out var on) ? on.GetBoolean() : null;
    }

    /// <summary>
    /// Switches relay 1, trying again while the hub answers 409: a plug that was just adopted, or whose hub just
    /// restarted, can drop off the broker once more for a few seconds while it reconnects.
    /// </summary>
    public async Task SetRelayAsync(long plugId, bool on)
    {
        var status = await Eventually.MatchAsync(async () =>
        {
            using var response = await Api.SendAsync(HttpMethod.Post, $"/api/plugs/{plugId}/relays/1", new { action = on ? "On" : "Off" });
            return response.StatusCode;
        }, s => s != HttpStatusCode.Conflict, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    public async Task<List<PlugRow>> ListAsync(string query)
    {
        var page = await Api.Http.GetFromJsonAsync<JsonElement>("/api/plugs" + query);
        return [.. page.GetProperty("items").EnumerateArray().Select(p => new PlugRow(
            p.GetProperty("id").GetInt64(), p.GetProperty("topic").GetString()!, p.GetProperty("status").GetString()!,
            p.GetProperty("online").GetBoolean(), p.GetProperty("name").GetString()))];
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (Sim is not null)
        {
            await Sim.DisposeAsync();
        }

        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }

        _folder.Dispose();
    }

    private Dictionary<string, string> Environment() => new(_settings, StringComparer.Ordinal)
    {
        ["HUB_ADMIN_PASSWORD"] = AdminPassword,
        ["Mqtt__Bootstrap__Password"] = _bootstrapPassword,
    };

    private async Task<HubHttpClient> LoginAsync()
    {
        var api = new HubHttpClient(new HttpClient(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = Hub.BaseAddress,
        });
        using var login = await api.LoginAsync("admin", AdminPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return api;
    }
}
