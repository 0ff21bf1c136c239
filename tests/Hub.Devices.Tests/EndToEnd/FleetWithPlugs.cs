using System.Threading.Channels;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.EndToEnd;

/// <summary>The devices module on its embedded broker with real plugsim plugs connected on the bootstrap account.</summary>
internal sealed class FleetWithPlugs : IAsyncDisposable
{
    private readonly TempFolder _folder = new("plugs");
    private readonly ChannelReader<PlugEvent> _events;
    private readonly List<PlugEvent> _seen = [];

    private FleetWithPlugs(DevicesHost devices)
    {
        Devices = devices;
        _events = devices.Services.GetRequiredService<PlugEventBus>().Subscribe("test", 100_000, BusBackPressure.DropOldest);
    }

    public DevicesHost Devices { get; }

    public PlugSim Sim { get; private set; } = null!;

    public T Get<T>() where T : notnull => Devices.Services.GetRequiredService<T>();

    public static Task<FleetWithPlugs> StartAsync(int plugs = 1, params string[] plugsimArguments) =>
        StartAsync(plugs, null, plugsimArguments);

    public static Task<FleetWithPlugs> StartAsync(
        int plugs, IReadOnlyDictionary<string, string?>? settings, params string[] plugsimArguments) =>
        StartAsync(plugs, settings, _ => { }, plugsimArguments);

    public static async Task<FleetWithPlugs> StartAsync(int plugs, IReadOnlyDictionary<string, string?>? settings,
        Action<IServiceCollection> services, params string[] plugsimArguments)
    {
        var fleet = new FleetWithPlugs(await DevicesHost.StartAsync(settings, services));
        await fleet.StartPlugsAsync(fleet.Devices.BrokerPort, plugs, plugsimArguments);
        return fleet;
    }

    /// <summary>The same with an external mosquitto as the broker, once the hub has set up its dynamic security.</summary>
    public static async Task<FleetWithPlugs> StartOnMosquittoAsync(MosquittoBroker mosquitto, int plugs = 1, params string[] plugsimArguments)
    {
        var fleet = new FleetWithPlugs(await DevicesHost.StartAsync(mosquitto.HubSettings));
        try
        {
            await fleet.Get<DynamicSecuritySetupWorker>().Done.WaitAsync(TimeSpan.FromSeconds(30));
            await fleet.StartPlugsAsync(mosquitto.Port, plugs, plugsimArguments);
            return fleet;
        }
        catch
        {
            await fleet.Devices.DisposeAsync();
            fleet._folder.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the first event (seen before or arriving later) that matches.</summary>
    public async Task<T> WaitForEventAsync<T>(Func<T, bool> match, TimeSpan? timeout = null) where T : PlugEvent
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        if (_seen.OfType<T>().FirstOrDefault(match) is { } earlier)
        {
            return earlier;
        }

        try
        {
            while (await _events.WaitToReadAsync(deadline.Token))
            {
                while (_events.TryRead(out var evt))
                {
                    _seen.Add(evt);
                    if (evt is T typed && match(typed))
                    {
                        return typed;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Fall through to the failure below.
        }

        throw new TimeoutException($"No matching {typeof(T).Name}; saw:\n{string.Join('\n', _seen.TakeLast(30))}\n" +
                                   string.Join('\n', Sim.Output.TakeLast(30)));
    }

    /// <summary>The plug's id once the hub has registered it (it connected and said it is online).</summary>
    public async Task<long> PlugIdAsync(string topic) =>
        (await WaitForEventAsync<AvailabilityChanged>(e => e.Topic == topic && e.Online && e.PlugId != 0)).PlugId;

    public async Task<long> AdoptAsync(string topic)
    {
        var id = await PlugIdAsync(topic);
        var fleet = Get<FleetState>();
        // 30 s like the wait below: on a loaded 2-core CI machine the first boot count took longer than 10 s (issue 8 runs).
        Assert.True(await fleet.WaitUntilAsync(id, s => s.Online && s.BootCount is not null, TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));
        var boots = fleet.Find(id)!.State.BootCount;
        var outcome = await Get<PlugAdoption>().AdoptAsync(id, "test", CancellationToken.None);
        Assert.Equal(AdoptionOutcome.Adopted, outcome);
        // The credentials go with a restart (OpenBeken only applies them on restart): let it happen before the test goes on.
        Assert.True(await fleet.WaitUntilAsync(id, s => s.Online && s.BootCount > boots, TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));
        return id;
    }

    private async Task StartPlugsAsync(int brokerPort, int plugs, string[] plugsimArguments)
    {
        var bootstrap = Get<BootstrapCredentials>();
        Sim = await PlugSim.StartAsync(new PlugSimOptions(brokerPort, bootstrap.Username, bootstrap.Password, _folder.Combine("sim"))
        {
            Count = plugs, ExtraArguments = plugsimArguments,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Sim.DisposeAsync();
        await Devices.DisposeAsync();
        _folder.Dispose();
    }
}
