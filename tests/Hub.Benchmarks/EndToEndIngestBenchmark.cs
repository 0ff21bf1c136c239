using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Testing;
using MQTTnet;
using MQTTnet.Protocol;
using static System.FormattableString;

namespace Hub.Benchmarks;

/// <summary>
/// The hub as a real process behind an external mosquitto: plugs' stamped SENSOR messages published as fast as the
/// broker takes them, and how fast the hub stores them against how fast a plain MQTTnet subscriber on the same broker
/// receives the same messages, for QoS 0 and QoS 1. Commit times come from polling the hub's stored-readings counter
/// every 50 ms: the k-th message counts as committed when the counter passes k (the link keeps the broker's order).
/// </summary>
internal static class EndToEndIngestBenchmark
{
    public static async Task RunAsync(int plugs, int perPlug)
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        using var folder = new TempFolder("bench-e2e");
        const string admin = "bench-admin-password";
        var environment = mosquitto.HubSettings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["HUB_ADMIN_PASSWORD"] = admin;
        environment["Discovery__PeriodicSsdp"] = "false";
        environment["Serilog__MinimumLevel__Default"] = "Warning";
        await using var hub = HubProcess.Start(folder.Path, environment, FreePort.Next(), FreePort.Next());
        await hub.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        using var http = await E2eHttp.SignInAsync(hub.BaseAddress, admin);
        using var publisher = await ConnectAsync(mosquitto, "bench-pub");
        var topics = Enumerable.Range(0, plugs).Select(i => $"bench{i:D4}").ToList();
        foreach (var topic in topics)
        {
            await publisher.PublishStringAsync($"{topic}/connected", "online", MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
        }

        await Eventually.MatchAsync(async () => (await http.GetFromJsonAsync<JsonElement>("/api/plugs?pageSize=1000")).GetProperty("total").GetInt32(),
            n => n >= plugs, TimeSpan.FromMinutes(2));

        var results = new List<string>();
        var firstSecond = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - (2 * perPlug) - 60;
        foreach (var qos in new[] { MqttQualityOfServiceLevel.AtMostOnce, MqttQualityOfServiceLevel.AtLeastOnce })
        {
            var rss = new RssSampler(hub.ProcessId);
            var (plain, hubRate, within2S) = await PhaseAsync(mosquitto, publisher, http, topics, perPlug, qos, firstSecond);
            await rss.DisposeAsync();
            firstSecond += perPlug;
            results.Add(Invariant($"| {(int)qos} | {plugs * perPlug:N0} | {plain:N0}/s | {hubRate:N0}/s | {hubRate / plain:P0} | {within2S:P1} | {rss.PeakMiB:N0} MiB |"));
        }

        Console.WriteLine("## End-to-end ingest from a broker");
        Console.WriteLine();
        Console.WriteLine(Invariant($"{plugs} plugs' stamped SENSOR messages ({perPlug} each) published back to back through mosquitto; the hub is a real process, the plain subscriber an MQTTnet client on the same broker ({Environment.ProcessorCount} cores)."));
        Console.WriteLine();
        Console.WriteLine("| QoS | messages | plain subscriber | hub stored | hub / plain | committed within 2 s | hub peak RSS |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        results.ForEach(Console.WriteLine);
        Console.WriteLine();
    }

    private static async Task<(double Plain, double Hub, double Within2S)> PhaseAsync(MosquittoBroker mosquitto,
        IMqttClient publisher, HttpClient http, List<string> topics, int perPlug, MqttQualityOfServiceLevel qos, long firstSecond)
    {
        var total = topics.Count * perPlug;
        using var subscriber = await ConnectAsync(mosquitto, "bench-plain-" + (int)qos);
        var received = 0;
        var clock = Stopwatch.StartNew();
        var lastReceived = TimeSpan.Zero;
        var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            var n = Interlocked.Increment(ref received);
            lastReceived = clock.Elapsed;
            if (n == total)
            {
                allReceived.TrySetResult();
            }

            return Task.CompletedTask;
        };
        await subscriber.SubscribeAsync("tele/+/SENSOR", qos);
        var storedBefore = await StoredAsync(http);
        var published = new TimeSpan[total];
        var samples = new List<(TimeSpan At, long Stored)>();
        using var polling = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (!polling.IsCancellationRequested)
            {
                var stored = await StoredAsync(http) - storedBefore;
                lock (samples)
                {
                    samples.Add((clock.Elapsed, stored));
                }

                if (stored >= total)
                {
                    return;
                }

                await Task.Delay(50);
            }
        });
        clock.Restart();
        var k = 0;
        for (var s = 0; s < perPlug; s++)
        {
            var time = DateTimeOffset.FromUnixTimeSeconds(firstSecond + s).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            foreach (var topic in topics)
            {
                published[k++] = clock.Elapsed;
                var total3 = (s * 0.028).ToString("F3", CultureInfo.InvariantCulture);
                await publisher.PublishStringAsync($"tele/{topic}/SENSOR",
                    "{\"Time\":\"" + time + "\",\"ENERGY\":{\"Power\":100.00,\"Voltage\":230.0,\"Current\":0.435,\"ConsumptionTotal\":" + total3 + "}}",
                    qos);
            }
        }

        await allReceived.Task.WaitAsync(TimeSpan.FromMinutes(5));
        await poller.WaitAsync(TimeSpan.FromMinutes(5));
        var done = samples.First(x => x.Stored >= total).At;
        var within = 0;
        var sample = 0;
        for (var i = 0; i < total; i++)
        {
            while (samples[sample].Stored <= i)
            {
                sample++;
            }

            within += samples[sample].At - published[i] <= TimeSpan.FromSeconds(2) ? 1 : 0;
        }

        // Both rates run from the first publish: to the last message received, and to the last one stored.
        return (total / lastReceived.TotalSeconds, total / done.TotalSeconds, within / (double)total);
    }

    private static async Task<long> StoredAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/api/energy/ingest")).GetProperty("stored").GetInt64();

    private static async Task<IMqttClient> ConnectAsync(MosquittoBroker mosquitto, string id)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosquitto.Port)
            .WithCredentials(MosquittoBroker.AdminUser, mosquitto.AdminPassword).WithClientId(id).Build());
        return client;
    }
}
