using Hub.Api.Auth;
using Hub.Devices.Fleet;
using Hub.Devices.Storage;
using Hub.Energy.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Testing;

/// <summary>
/// The whole hub in-process on a temporary SQLite file and its own embedded broker port. Extra settings override the
/// defaults, so a test can shorten lockouts or break a setting on purpose.
/// </summary>
public sealed class HubFactory : WebApplicationFactory<Program>
{
    public const string AdminUser = "admin";

    private readonly TempFolder _folder = new("hub");
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Replaces services after the hub registered its own, e.g. a <c>FakeTimeProvider</c>.</param>
    public HubFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        BrokerPort = FreePort.Next();
        _settings = new Dictionary<string, string?>
        {
            ["Data:Directory"] = DataDirectory,
            ["Mqtt:Broker:Port"] = BrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:Broker:BindAddress"] = "127.0.0.1",
            ["HUB_ADMIN_PASSWORD"] = AdminPassword,
            // No multicast from tests: discovery tests point SSDP at plugsim on 127.0.0.1 and search on demand.
            ["Discovery:PeriodicSsdp"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string AdminPassword { get; } = "test-admin-" + Guid.NewGuid().ToString("N")[..12];

    public string DataDirectory => _folder.Combine("data");

    public int BrokerPort { get; }

    /// <summary>
    /// Serves the hub on real Kestrel at a free loopback port, for clients the test server cannot carry (plugs and curl
    /// downloading firmware), and returns that port once every database is migrated.
    /// </summary>
    public async Task<int> StartOnKestrelAsync()
    {
        var port = FreePort.Next();
        UseKestrel(port);
        StartServer();
        await WaitUntilReadyAsync();
        return port;
    }

    /// <summary>A cookie-keeping client of a hub served on Kestrel at <paramref name="port"/>.</summary>
    public static HubHttpClient KestrelClient(int port) =>
        new(new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") });

    /// <summary>Waits, with a deadline, until every database is migrated and the admin account exists.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        await Services.GetRequiredService<DatabaseMigrationState<AuthDb>>().Migrated.WaitAsync(limit);
        await Services.GetRequiredService<DatabaseMigrationState<DevicesDb>>().Migrated.WaitAsync(limit);
        await Services.GetRequiredService<DatabaseMigrationState<EnergyDb>>().Migrated.WaitAsync(limit);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, like a browser seen from the server.</summary>
    public async Task<HubHttpClient> CreateHubClientAsync()
    {
        await WaitUntilReadyAsync();
        return new HubHttpClient(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder.Dispose();
        }
    }
}
