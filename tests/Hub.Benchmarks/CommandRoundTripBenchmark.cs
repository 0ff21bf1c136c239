using System.Diagnostics;
using System.Globalization;
using Hub.Devices.Commands;
using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace Hub.Benchmarks;

/// <summary>
/// The devices module with N plugsim plugs on its embedded broker: how long until all are registered, what the hub's
/// process holds in memory, and the command round trip (hub → plug → confirmation) against a plain MQTT client doing
/// the same exchange on the same broker in the same run.
/// </summary>
internal static class CommandRoundTripBenchmark
{
    public static async Task RunAsync(int plugs, int commands)
    {
        var before = Process.GetCurrentProcess().WorkingSet64;
        using var folder = new TempFolder("bench-commands");
        await using var devices = await DevicesHost.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        var idle = Process.GetCurrentProcess().WorkingSet64;
        var bootstrap = devices.Services.GetRequiredService<BootstrapCredentials>();
        var directory = devices.Services.GetRequiredService<PlugDirectory>();
        var fleet = devices.Services.GetRequiredService<FleetState>();

        var clock = Stopwatch.StartNew();
        await using var sim = await PlugSim.StartAsync(new PlugSimOptions(devices.BrokerPort, bootstrap.Username, bootstrap.Password,
            folder.Combine("sim")) { Count = plugs, PublishIntervalSeconds = 5 });
        var topics = sim.Plugs.Keys.Order(StringComparer.Ordinal).ToList();
        await Eventually.MatchAsync(() => Task.FromResult(topics.Count(t => directory.Find(t) is { } p && fleet.IsOnline(p.Id))),
            n => n == plugs, TimeSpan.FromMinutes(5));
        var discovered = clock.Elapsed;
        GC.Collect();
        var loaded = Process.GetCurrentProcess().WorkingSet64;

        var commander = devices.Services.GetRequiredService<PlugCommander>();
        var random = new Random(42);
        var viaHub = new List<double>(commands);
        for (var i = 0; i < commands; i++)
        {
            var plug = directory.Find(topics[random.Next(topics.Count)])!;
            var started = Stopwatch.GetTimestamp();
            var outcome = await commander.SendUncheckedAsync(plug, new SetRelay(1, i % 2 == 0 ? RelayAction.On : RelayAction.Off),
                TimeSpan.FromSeconds(10), CancellationToken.None);
            if (outcome.Kind == CommandOutcomeKind.Confirmed)
            {
                viaHub.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var hub = devices.Services.GetRequiredService<HubMqttCredentials>();
        var plain = await PlainRoundTripsAsync(devices.BrokerPort, hub, topics, commands);

        Console.WriteLine("## Devices: command round trip and fleet size");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Command: `dotnet run -c Release --project tests/Hub.Benchmarks -- commands {plugs} {commands}` ({Environment.ProcessorCount} cores)"));
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| plugs connected and registered (MQTT discovery) | {plugs} in {discovered.TotalSeconds:F1} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| hub process working set: before start / idle hub / with {plugs} plugs | {before / 1048576} / {idle / 1048576} / {loaded / 1048576} MiB |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| command round trip via the hub (confirmed {viaHub.Count}/{commands}) p50 / p99 | {Percentile(viaHub, 50):F2} / {Percentile(viaHub, 99):F2} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| baseline: plain MQTT client, same exchange ({plain.Count}) p50 / p99 | {Percentile(plain, 50):F2} / {Percentile(plain, 99):F2} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| ratio hub / plain, p50 / p99 | {Percentile(viaHub, 50) / Percentile(plain, 50):F2} / {Percentile(viaHub, 99) / Percentile(plain, 99):F2} |"));
        Console.WriteLine();
    }

    /// <summary>The same request and reply without the hub: publish POWER1 and wait for the plug's RESULT.</summary>
    private static async Task<List<double>> PlainRoundTripsAsync(int port, HubMqttCredentials hub, List<string> topics, int commands)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        TaskCompletionSource<string>? waiting = null;
        string? expectedTopic = null;
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == expectedTopic)
            {
                waiting?.TrySetResult(e.ApplicationMessage.ConvertPayloadToString());
            }

            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
            .WithCredentials(hub.Username, hub.Password).WithClientId("bench-plain").Build());
        await client.SubscribeAsync("stat/+/RESULT");
        var random = new Random(7);
        var times = new List<double>(commands);
        for (var i = 0; i < commands; i++)
        {
            var topic = topics[random.Next(topics.Count)];
            expectedTopic = $"stat/{topic}/RESULT";
            waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = Stopwatch.GetTimestamp();
            await client.PublishStringAsync($"cmnd/{topic}/POWER1", i % 2 == 0 ? "ON" : "OFF",
                MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
            try
            {
                await waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (TimeoutException)
            {
                // Counted by its absence.
            }
        }

        return times;
    }

    private static double Percentile(List<double> values, int percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
