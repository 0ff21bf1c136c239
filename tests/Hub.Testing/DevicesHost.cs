using System.Globalization;
using Hub.Devices;
using Hub.Devices.Fleet;
using Hub.Devices.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Testing;

/// <summary>The devices module alone in a generic host: its database on a temporary SQLite file and its broker on a free port.</summary>
public sealed class DevicesHost : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private DevicesHost(IHost host, int brokerPort, TempFolder folder)
    {
        Host = host;
        BrokerPort = brokerPort;
        _folder = folder;
    }

    public IHost Host { get; }

    public int BrokerPort { get; }

    public string DataDirectory => _folder.Combine("data");

    public IServiceProvider Services => Host.Services;

    /// <param name="services">Replaces services after the module registered its own, e.g. a seam another feature fills.</param>
    public static async Task<DevicesHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var folder = new TempFolder("devices");
        var port = FreePort.Next();
        var values = new Dictionary<string, string?>
        {
            ["Data:Directory"] = folder.Combine("data"),
            ["Mqtt:Broker:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:Broker:BindAddress"] = "127.0.0.1",
            // No multicast from tests: discovery tests point SSDP at plugsim on 127.0.0.1 and search on demand.
            ["Discovery:PeriodicSsdp"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddDevices();
        services?.Invoke(builder.Services);
        var host = new DevicesHost(builder.Build(), port, folder);
        await host.Host.StartAsync();
        await host.Services.GetRequiredService<DatabaseMigrationState<DevicesDb>>().Migrated.WaitAsync(TimeSpan.FromSeconds(30));
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        _folder.Dispose();
    }
}
