using Hub.Devices.Fleet.Events;
using Hub.Devices.Storage;
using Hub.Energy.Ingest;
using Hub.Energy.Rollups;
using Hub.Energy.Storage;
using Hub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Hub.Energy.Tests;

/// <summary>The energy module alone in a generic host on a SQLite file of its own, fed through the real event bus.</summary>
internal sealed class EnergyHost : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly TempFolder? _ownedFolder;

    private EnergyHost(IHost host, FakeTimeProvider time, TempFolder? ownedFolder)
    {
        Host = host;
        Time = time;
        _ownedFolder = ownedFolder;
    }

    public IHost Host { get; }

    public FakeTimeProvider Time { get; }

    public PlugEventBus Bus => Host.Services.GetRequiredService<PlugEventBus>();

    public IngestStats Stats => Host.Services.GetRequiredService<IngestStats>();

    /// <summary>Starts on <paramref name="folder"/> (kept, for restart tests) or on a temporary folder of its own.</summary>
    public static async Task<EnergyHost> StartAsync(
        FakeTimeProvider time, IReadOnlyDictionary<string, string?>? settings = null, TempFolder? folder = null)
    {
        var owned = folder is null ? new TempFolder("energy") : null;
        var data = (folder ?? owned)!;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        var values = new Dictionary<string, string?>
        {
            ["Data:Directory"] = data.Combine("data"),
            ["Energy:TimeZone"] = "Europe/Berlin",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<PlugEventBus>();
        builder.AddEnergy();
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<DatabaseMigrationState<EnergyDb>>().Migrated.WaitAsync(Deadline);
        return new EnergyHost(host, time, owned);
    }

    public static ReadingReported Reading(long plug, DateTimeOffset at, double? w = null, double? counterWh = null,
        double? v = null, double? a = null) => new()
        {
            Topic = $"obk_{plug:X6}",
            PlugId = plug,
            At = at,
            PowerW = w,
            EnergyCounterWh = counterWh,
            VoltageV = v,
            CurrentA = a,
        };

    /// <summary>Publishes each reading with a receipt and waits, with a deadline, until every one is stored.</summary>
    public async Task StoreAsync(IEnumerable<ReadingReported> readings)
    {
        var receipts = new List<Task>();
        foreach (var reading in readings)
        {
            var receipt = new DeliveryReceipt();
            receipts.Add(receipt.Stored);
            await Bus.PublishAsync(reading with { Receipt = receipt }, CancellationToken.None);
        }

        await Task.WhenAll(receipts).WaitAsync(Deadline);
    }

    public Task StoreAsync(params ReadingReported[] readings) => StoreAsync(readings.AsEnumerable());

    public async Task<T> QueryAsync<T>(Func<IServiceProvider, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider);
    }

    public Task<T> DbAsync<T>(Func<EnergyDb, Task<T>> query) =>
        QueryAsync(sp => query(sp.GetRequiredService<EnergyDb>()));

    public Task<int> RollUpAsync() =>
        QueryAsync(sp => sp.GetRequiredService<RollupService>().CatchUpAsync(CancellationToken.None));

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        _ownedFolder?.Dispose();
    }
}
