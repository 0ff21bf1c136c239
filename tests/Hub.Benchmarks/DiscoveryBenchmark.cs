using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Hub.Devices.Discovery;
using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;
using Hub.Testing;
using MQTTnet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Benchmarks;

/// <summary>
/// Time to discover and identify N plugsim plugs on loopback: by SSDP (unicast to 127.0.0.1), by an HTTP scan of
/// 127.0.0.1 over the plugs' ports, by re-identifying every known plug (which also reads the reboot reason), and by MQTT.
/// Baseline in the same run: a bare HttpClient fetching the same pages from every plug with the same concurrency.
/// "Identified" means the registry row has MAC, chip, build and HTTP endpoint, plus the OTA partition size for the
/// HTTP paths (MQTT does not carry it). Each path gets a fresh hub, so every plug is new to it.
/// </summary>
internal static class DiscoveryBenchmark
{
    private const int Concurrency = 32;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    public static async Task RunAsync(int plugs)
    {
        using var folder = new TempFolder("bench-discovery");
        var ssdpPort = FreeUdpPort();
        var rows = new List<string>();

        // The plugs have no broker for the HTTP paths, so only HTTP discovery can find them there.
        await using (var sim = await StartSimAsync(folder.Combine("sim-http"), FreePort.Next(), "nobody", "nobody", plugs, ssdpPort))
        {
            var endpoints = sim.Plugs.Values.ToList();
            await WaitUntilAnsweringAsync(endpoints);
            var infoOnly = await BaselineAsync(endpoints, ["/api/info"]);
            var withIndex = await BaselineAsync(endpoints, ["/api/info", "/index?state=1"]);

            await using (var hub = await StartHubAsync(ssdpPort))
            {
                var clock = Stopwatch.StartNew();
                var searches = 0;
                // A periodic search would try again later; here at most five searches back to back.
                while (searches < 5 && await IdentifiedAsync(hub, ota: true) < plugs && clock.Elapsed < Bound)
                {
                    await hub.Services.GetRequiredService<PlugDiscovery>().SearchSsdpAsync(CancellationToken.None);
                    searches++;
                }

                rows.Add(Row($"SSDP search to 127.0.0.1 ({searches} search{(searches == 1 ? "" : "es")}, listen window 3 s each)",
                    await IdentifiedAsync(hub, ota: true), plugs, clock.Elapsed, infoOnly));
            }

            await using (var hub = await StartHubAsync(ssdpPort))
            {
                var discovery = hub.Services.GetRequiredService<PlugDiscovery>();
                var ports = endpoints.Select(e => e.Port).Order().ToList();
                var loopback = new AddressRange(0x7F00_0001, 0x7F00_0001);
                var clock = Stopwatch.StartNew();
                foreach (var chunk in ports.Chunk(discovery.MaxScanPorts))
                {
                    _ = await discovery.TryScanAsync(loopback, chunk, CancellationToken.None);
                }

                rows.Add(Row($"HTTP scan of 127.0.0.1 × {ports.Count} ports ({(ports.Count + discovery.MaxScanPorts - 1) / discovery.MaxScanPorts} scans of ≤ {discovery.MaxScanPorts} ports)",
                    await IdentifiedAsync(hub, ota: true), plugs, clock.Elapsed, infoOnly));

                // The same requests as the scan, without the registry: what the HTTP side costs on its own.
                var identifier = hub.Services.GetRequiredService<HttpIdentifier>();
                var answered = 0;
                clock.Restart();
                await Parallel.ForEachAsync(endpoints, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (endpoint, ct) =>
                {
                    if ((await identifier.IdentifyAsync(endpoint, readRebootReason: false, ct)).Identity is not null)
                    {
                        Interlocked.Increment(ref answered);
                    }
                });
                rows.Add(Row("identification alone (hub's HTTP client and parser, no registry write)", answered, plugs, clock.Elapsed, infoOnly));

                var ids = await QueryAsync(hub, db => db.Plugs.Select(p => p.Id).ToListAsync());
                var reasons = 0;
                clock.Restart();
                await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (id, ct) =>
                {
                    if ((await discovery.IdentifyPlugAsync(id, ct)).Identity?.RebootReason is not null)
                    {
                        Interlocked.Increment(ref reasons);
                    }
                });
                rows.Add(Row("re-identify every known plug, with the reboot reason from `/index?state=1`", reasons, plugs, clock.Elapsed, withIndex));
            }
        }

        await using (var hub = await StartHubAsync(ssdpPort))
        {
            var bootstrap = hub.Services.GetRequiredService<BootstrapCredentials>();
            var credentials = hub.Services.GetRequiredService<HubMqttCredentials>();
            await hub.Services.GetRequiredService<MqttLink>().Connected.WaitAsync(Bound);
            // Baseline: a plain client on the same broker that only notes each plug's `<T>/connected`, i.e. how long the
            // plugs themselves take to connect and announce; the hub cannot register a plug sooner.
            await using var plain = await MqttProbe.ConnectAsync(hub.BrokerPort, credentials.Username, credentials.Password, "+/connected");
            var clock = Stopwatch.StartNew();
            await using var sim = await StartSimAsync(folder.Combine("sim-mqtt"), hub.BrokerPort, bootstrap.Username, bootstrap.Password, plugs, ssdpPort);
            var directory = hub.Services.GetRequiredService<PlugDirectory>();
            var announcedTask = TimedAsync(() => Task.FromResult(plain.Messages.Select(m => m.Topic).Distinct(StringComparer.Ordinal).Count()), plugs, clock);
            var registered = await TimedAsync(() => Task.FromResult(directory.Count), plugs, clock);
            var announced = await announcedTask;
            var announcedBaseline = new Baseline(announced.Count, announced.Time, "plain MQTT client: every `<T>/connected` seen");
            rows.Add(Row("MQTT discovery: registered as pending (topic and protocol only)", registered.Count, plugs, registered.Time, announcedBaseline));
            var identified = await Eventually.MatchAsync(() => IdentifiedAsync(hub, ota: false), n => n >= plugs, Bound);
            rows.Add(Row("MQTT discovery: MAC, chip, build and IP from telemetry written to the registry (MQTT has no OTA size)", identified, plugs, clock.Elapsed, null));
            await hub.Services.GetRequiredService<PlugDiscovery>().SearchSsdpAsync(CancellationToken.None);
            rows.Add(Row("MQTT discovery, then one SSDP search adds the OTA size", await IdentifiedAsync(hub, ota: true), plugs, clock.Elapsed, null));
        }

        rows.Add(await AnnouncementBurstAsync(plugs, ssdpPort));

        Console.WriteLine("## Devices: discover and identify");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Command: `dotnet run -c Release --project tests/Hub.Benchmarks -- discovery {plugs}` ({Environment.ProcessorCount} cores, concurrency {Concurrency})"));
        Console.WriteLine();
        Console.WriteLine("| path | identified | time | baseline in the same run (bare HttpClient: same pages, same concurrency; MQTT: a plain client) | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }
        Console.WriteLine();
    }

    /// <summary>
    /// Registration alone, without plugsim's connection rate in the way: one client publishes N `<T>/connected online`
    /// back to back; the baseline is a plain subscriber on the same broker receiving all of them.
    /// </summary>
    private static async Task<string> AnnouncementBurstAsync(int plugs, int ssdpPort)
    {
        await using var hub = await StartHubAsync(ssdpPort);
        var credentials = hub.Services.GetRequiredService<HubMqttCredentials>();
        await hub.Services.GetRequiredService<MqttLink>().Connected.WaitAsync(Bound);
        await using var plain = await MqttProbe.ConnectAsync(hub.BrokerPort, credentials.Username, credentials.Password, "+/connected");
        await using var publisher = await MqttProbe.ConnectAsync(hub.BrokerPort, credentials.Username, credentials.Password);
        var directory = hub.Services.GetRequiredService<PlugDirectory>();
        var clock = Stopwatch.StartNew();
        var heard = TimedAsync(() => Task.FromResult(plain.Messages.Count), plugs, clock);
        var registered = TimedAsync(() => Task.FromResult(directory.Count), plugs, clock);
        for (var i = 0; i < plugs; i++)
        {
            await publisher.Client.PublishStringAsync(string.Create(CultureInfo.InvariantCulture, $"burst_{i:D5}/connected"), "online",
                MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var (count, time) = await registered;
        var baseline = await heard;
        return Row($"MQTT registration alone: {plugs} `<T>/connected` published back to back by one client", count, plugs, time,
            new Baseline(baseline.Count, baseline.Time, "plain MQTT client: all received"));
    }

    /// <summary>When the count reached <paramref name="plugs"/>; or, past the bound, how far it got, so the row still prints.</summary>
    private static async Task<(int Count, TimeSpan Time)> TimedAsync(Func<Task<int>> read, int plugs, Stopwatch clock)
    {
        try
        {
            var count = await Eventually.MatchAsync(read, n => n >= plugs, Bound);
            return (count, clock.Elapsed);
        }
        catch (TimeoutException)
        {
            return (await read(), clock.Elapsed);
        }
    }

    private static string Row(string path, int identified, int plugs, TimeSpan time, Baseline? baseline) => baseline is { } b
        ? string.Create(CultureInfo.InvariantCulture,
            $"| {path} | {identified}/{plugs} | {time.TotalSeconds:F2} s | {b.Ok}/{plugs} in {b.Time.TotalSeconds:F2} s ({b.Pages}) | {time / b.Time:F1} |")
        : string.Create(CultureInfo.InvariantCulture, $"| {path} | {identified}/{plugs} | {time.TotalSeconds:F2} s | – | – |");

    private sealed record Baseline(int Ok, TimeSpan Time, string Pages);

    /// <summary>Every page from every plug with a stock HttpClient; a plug counts when each page answered 200.</summary>
    private static async Task<Baseline> BaselineAsync(List<Uri> endpoints, string[] pages)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        var ok = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(endpoints, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (endpoint, ct) =>
        {
            try
            {
                foreach (var page in pages)
                {
                    using var response = await http.GetAsync(new Uri(endpoint, page), ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    if (!response.IsSuccessStatusCode || (page == "/api/info" && !JsonDocument.Parse(body).RootElement.TryGetProperty("mac", out _)))
                    {
                        return;
                    }
                }

                Interlocked.Increment(ref ok);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                // Counted by its absence.
            }
        });
        return new Baseline(ok, clock.Elapsed, string.Join(" + ", pages.Select(p => $"`{p}`")));
    }

    private static Task<int> IdentifiedAsync(DevicesHost hub, bool ota) =>
        QueryAsync(hub, db => db.Plugs.CountAsync(p => p.Status == PlugStatus.Pending && p.Mac != null && p.Chip != null
            && p.FirmwareBuild != null && p.HttpEndpoint != null && (!ota || p.OtaPartitionBytes != null)));

    private static async Task<T> QueryAsync<T>(DevicesHost hub, Func<DevicesDb, Task<T>> query)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DevicesDb>());
    }

    private static Task<DevicesHost> StartHubAsync(int ssdpPort) => DevicesHost.StartAsync(new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Discovery:SsdpAddress"] = "127.0.0.1",
        ["Discovery:SsdpPort"] = ssdpPort.ToString(CultureInfo.InvariantCulture),
        ["Discovery:MaxScanPorts"] = "64",
        ["Discovery:Concurrency"] = Concurrency.ToString(CultureInfo.InvariantCulture),
    });

    private static Task<PlugSim> StartSimAsync(string state, int brokerPort, string user, string password, int plugs, int ssdpPort) =>
        PlugSim.StartAsync(new PlugSimOptions(brokerPort, user, password, state)
        {
            Count = plugs,
            PublishIntervalSeconds = 5,
            // Conventional HTTP heads, so the stock HttpClient of the baseline can read them too.
            ExtraArguments = ["--strict-http", "--ssdp-port", ssdpPort.ToString(CultureInfo.InvariantCulture), "--ssdp-addr", "127.0.0.1"],
        });

    /// <summary>plugsim prints READY before its plugs' web servers listen; this also warms up both sides.</summary>
    private static async Task WaitUntilAnsweringAsync(List<Uri> endpoints)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        await Parallel.ForEachAsync(endpoints, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (endpoint, ct) =>
            await Eventually.MatchAsync(async () =>
            {
                try
                {
                    using var response = await http.GetAsync(new Uri(endpoint, "/api/info"), ct);
                    return (int)response.StatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return 0;
                }
            }, status => status == 200, TimeSpan.FromSeconds(60)));
    }

    private static int FreeUdpPort()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
    }
}
