using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Testing;

/// <summary>The whole hub in-process with real plugsim plugs connected to its embedded broker on the bootstrap account.</summary>
public sealed class HubWithPlugs : IAsyncDisposable
{
    private readonly TempFolder _folder = new("hubplugs");

    private HubWithPlugs(HubFactory hub) => Hub = hub;

    public HubFactory Hub { get; }

    public PlugSim Sim { get; private set; } = null!;

    public HubHttpClient Client { get; private set; } = null!;

    public static Task<HubWithPlugs> StartAsync(int plugs = 1, IReadOnlyDictionary<string, string?>? settings = null,
        params string[] plugsimArguments) => StartAsync(kestrel: false, plugs, settings, plugsimArguments);

    /// <summary>
    /// As <see cref="StartAsync(int, IReadOnlyDictionary{string, string?}?, string[])"/>, with the hub on real Kestrel at
    /// 127.0.0.1 (<see cref="Port"/>): for plugs that make HTTP requests to the hub themselves (OTA by pull).
    /// </summary>
    public static Task<HubWithPlugs> StartOnKestrelAsync(int plugs = 1, IReadOnlyDictionary<string, string?>? settings = null,
        params string[] plugsimArguments) => StartAsync(kestrel: true, plugs, settings, plugsimArguments);

    /// <summary>The hub's Kestrel port when started with <see cref="StartOnKestrelAsync"/>.</summary>
    public int Port { get; private set; }

    private static async Task<HubWithPlugs> StartAsync(bool kestrel, int plugs, IReadOnlyDictionary<string, string?>? settings,
        string[] plugsimArguments)
    {
        var setup = new HubWithPlugs(new HubFactory(settings));
        if (kestrel)
        {
            setup.Port = FreePort.Next();
            setup.Hub.UseKestrel(setup.Port);
            setup.Hub.StartServer();
            await setup.Hub.WaitUntilReadyAsync();
            setup.Client = new HubHttpClient(new HttpClient(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{setup.Port}"),
            });
        }
        else
        {
            setup.Client = await setup.Hub.CreateHubClientAsync();
        }

        using var login = await setup.Client.LoginAsync(HubFactory.AdminUser, setup.Hub.AdminPassword);
        login.EnsureSuccessStatusCode();
        var bootstrap = setup.Hub.Services.GetRequiredService<BootstrapCredentials>();
        setup.Sim = await PlugSim.StartAsync(new PlugSimOptions(setup.Hub.BrokerPort, bootstrap.Username, bootstrap.Password,
            setup._folder.Combine("sim")) { Count = plugs, ExtraArguments = plugsimArguments });
        return setup;
    }

    /// <summary>The plug's id once the hub registered it and knows it is online.</summary>
    public async Task<long> OnlinePlugIdAsync(string topic)
    {
        var directory = Hub.Services.GetRequiredService<PlugDirectory>();
        var plug = await Eventually.MatchAsync(() => Task.FromResult(directory.Find(topic)), p => p is not null, TimeSpan.FromSeconds(30));
        var online = await Hub.Services.GetRequiredService<FleetState>().WaitUntilAsync(plug!.Id, s => s.Online, TimeSpan.FromSeconds(30));
        return online ? plug.Id : throw new TimeoutException($"{topic} never came online");
    }

    public async Task<long> AdoptAsync(string topic)
    {
        var id = await OnlinePlugIdAsync(topic);
        using var response = await Client.SendAsync(HttpMethod.Post, $"/api/plugs/{id}/adopt");
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode && body.Contains("\"Adopted\"", StringComparison.Ordinal)
            ? id
            : throw new InvalidOperationException($"Adopting {topic} answered {(int)response.StatusCode}: {body}");
    }

    public async ValueTask DisposeAsync()
    {
        await Sim.DisposeAsync();
        Client.Dispose();
        await Hub.DisposeAsync();
        _folder.Dispose();
    }
}
