using Hub.Devices.Fleet.Events;
using Hub.Devices.Storage;
using Hub.Energy;
using Hub.Energy.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Benchmarks;

/// <summary>The energy module in a generic host on a fresh SQLite file, as the hub runs it.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(IHost host, string folder)
    {
        Host = host;
        Folder = folder;
    }

    public IHost Host { get; }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "hub.db");

    public PlugEventBus Bus => Host.Services.GetRequiredService<PlugEventBus>();

    public static async Task<BenchHost> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hub-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Directory"] = folder,
            ["Energy:TimeZone"] = "UTC",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddEnergy();
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<DatabaseMigrationState<EnergyDb>>().Migrated;
        return new BenchHost(host, folder);
    }

    public async Task<T> ScopedAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
