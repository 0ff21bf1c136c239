using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Hub.Devices.Discovery;
using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.Discovery;

/// <summary>
/// The devices module with SSDP pointed at plugsim's responder on 127.0.0.1 (never the multicast group), and N plugsim
/// plugs. With <c>mqtt: false</c> the plugs get a broker port nobody listens on, so only discovery can find them.
/// </summary>
internal sealed class DiscoveryBench : IAsyncDisposable
{
    private readonly TempFolder _folder = new("discovery");

    private DiscoveryBench(DevicesHost devices, int ssdpPort)
    {
        Devices = devices;
        SsdpPort = ssdpPort;
    }

    public DevicesHost Devices { get; }

    public int SsdpPort { get; }

    public PlugSim Sim { get; private set; } = null!;

    public PlugDiscovery Discovery => Get<PlugDiscovery>();

    public T Get<T>() where T : notnull => Devices.Services.GetRequiredService<T>();

    public static async Task<DiscoveryBench> StartAsync(
        int plugs, bool mqtt = false, string[]? plugsimArguments = null, Dictionary<string, string?>? settings = null)
    {
        var ssdpPort = FreeUdpPort();
        var values = new Dictionary<string, string?>
        {
            ["Discovery:SsdpAddress"] = "127.0.0.1",
            ["Discovery:SsdpPort"] = ssdpPort.ToString(CultureInfo.InvariantCulture),
            ["Discovery:SsdpListenSeconds"] = "1",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var devices = await DevicesHost.StartAsync(values);
        var bench = new DiscoveryBench(devices, ssdpPort);
        var bootstrap = bench.Get<BootstrapCredentials>();
        bench.Sim = await PlugSim.StartAsync(new PlugSimOptions(mqtt ? devices.BrokerPort : FreePort.Next(), bootstrap.Username,
            bootstrap.Password, bench._folder.Combine("sim"))
        {
            Count = plugs,
            ExtraArguments = ["--ssdp-port", ssdpPort.ToString(CultureInfo.InvariantCulture), "--ssdp-addr", "127.0.0.1", .. plugsimArguments ?? []],
        });
        await bench.WaitUntilPlugsAnswerAsync();
        return bench;
    }

    /// <summary>plugsim prints READY before its plugs have booted; a plug is there once its web server answers.</summary>
    public async Task WaitUntilPlugsAnswerAsync()
    {
        var http = Get<PlugHttpClient>();
        foreach (var endpoint in Sim.Plugs.Values)
        {
            await Eventually.MatchAsync(async () =>
            {
                try
                {
                    using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    return (await http.GetAsync(endpoint, "/api/info", attempt.Token)).Status;
                }
                catch (Exception ex) when (ex is PlugHttpException or OperationCanceledException)
                {
                    return 0;
                }
            }, status => status == 200, TimeSpan.FromSeconds(20));
        }
    }

    public async Task<List<Plug>> PlugsAsync()
    {
        await using var scope = Devices.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.AsNoTracking().OrderBy(p => p.Topic).ToListAsync();
    }

    /// <summary>A UDP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreeUdpPort()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Sim.DisposeAsync();
        await Devices.DisposeAsync();
        _folder.Dispose();
    }
}
