using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Hub.Devices.Fleet;
using Hub.Devices.Watchdog;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Benchmarks;

/// <summary>
/// N TCP listeners on 127.0.0.1, each probed every 10 s: first by a naive loop per target (connect, then
/// <c>Task.Delay</c> of the interval), then by the hub's <see cref="ProbeWorker"/>, for the same time in the same
/// process. Every accepted connection is timestamped on the listener side, so both are measured the same way: the gap
/// between a target's consecutive probes against the interval (jitter), the busiest 100 ms (herding), the process's
/// CPU share and memory.
/// </summary>
internal static class WatchdogBenchmark
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(int targets, int seconds)
    {
        var window = TimeSpan.FromSeconds(seconds);
        using var listeners = new Listeners(targets);
        GC.Collect();
        var idleBytes = Process.GetCurrentProcess().WorkingSet64;

        // Each side gets one interval to start every target, then the same measured window.
        Result naive;
        using (var stop = new CancellationTokenSource())
        {
            var loops = listeners.Ports.Select((port, i) => NaiveLoopAsync(port, Interval * i / targets, stop.Token)).ToList();
            await Task.Delay(Interval);
            naive = await MeasureAsync(listeners, window);
            await stop.CancelAsync();
            await Task.WhenAll(loops);
        }

        long hubIdleBytes;
        Result hub;
        await using (var devices = await DevicesHost.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" }))
        {
            hubIdleBytes = Process.GetCurrentProcess().WorkingSet64;
            await AddProbesAsync(devices, listeners.Ports);
            await Task.Delay(Interval);
            hub = await MeasureAsync(listeners, window);
        }

        Console.WriteLine("## Watchdog: 1,000 probed targets at 10 s");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Command: `dotnet run -c Release --project tests/Hub.Benchmarks -- watchdog {targets} {seconds}` ({Environment.ProcessorCount} cores)"));
        Console.WriteLine();
        Console.WriteLine("| measure | hub `ProbeWorker` | baseline: naive `Task.Delay` loop per target |");
        Console.WriteLine("|---|---|---|");
        Row("probes completed (TCP connects accepted)", hub.Probes.ToString(CultureInfo.InvariantCulture), naive.Probes.ToString(CultureInfo.InvariantCulture));
        Row("probe time against the target's 10 s grid (actual vs scheduled): p50 / p99 / max (ms)", hub.Late, naive.Late);
        Row("gap between a target's probes minus 10 s: p50 / p99 / max (ms)", hub.Jitter, naive.Jitter);
        Row("busiest 100 ms: probes (even spread = " + (targets / (Interval.TotalSeconds * 10)).ToString("0.#", CultureInfo.InvariantCulture) + ")",
            hub.Peak.ToString(CultureInfo.InvariantCulture), naive.Peak.ToString(CultureInfo.InvariantCulture));
        Row("process CPU, share of all cores", hub.Cpu, naive.Cpu);
        Row("process working set at the end (MiB)", hub.Memory, naive.Memory);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Working set with the {targets} listeners alone: {idleBytes / 1048576} MiB; with the idle hub started as well (before its probes): {hubIdleBytes / 1048576} MiB."));
        Console.WriteLine();
    }

    private static void Row(string measure, string hub, string naive) => Console.WriteLine($"| {measure} | {hub} | {naive} |");

    private static async Task<Result> MeasureAsync(Listeners listeners, TimeSpan window)
    {
        listeners.Clear();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(window);
        var elapsed = wall.Elapsed;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore) / (elapsed * Environment.ProcessorCount);
        return Result.From(listeners, cpu, process.WorkingSet64, elapsed);
    }

    private static async Task NaiveLoopAsync(int port, TimeSpan offset, CancellationToken stop)
    {
        try
        {
            await Task.Delay(offset, stop);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var client = new TcpClient();
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    timeout.CancelAfter(TimeSpan.FromSeconds(2));
                    await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                }
                catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !stop.IsCancellationRequested))
                {
                    // A failed probe; the loop goes on, as the hub's does.
                }

                await Task.Delay(Interval, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The window is over.
        }
    }

    private static async Task AddProbesAsync(DevicesHost devices, IReadOnlyList<int> ports)
    {
        await using var scope = devices.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var plug = new Plug { Topic = "bench_plug", Status = PlugStatus.Adopted, FirstSeenAt = TimeProvider.System.GetUtcNow() };
        db.Plugs.Add(plug);
        await db.SaveChangesAsync();
        var devicesBehind = ports.Select((_, i) => new WatchedDevice { Name = $"target-{i}", PlugId = plug.Id, Host = "127.0.0.1" }).ToList();
        db.WatchedDevices.AddRange(devicesBehind);
        await db.SaveChangesAsync();
        db.Probes.AddRange(ports.Select((port, i) => new Probe
        {
            DeviceId = devicesBehind[i].Id, Kind = ProbeKind.Tcp, Port = port, IntervalSeconds = (int)Interval.TotalSeconds,
            DownIntervalSeconds = (int)Interval.TotalSeconds, TimeoutSeconds = 2, OnDown = WatchdogAction.AlertOnly,
            CreatedAt = TimeProvider.System.GetUtcNow(),
        }));
        await db.SaveChangesAsync();
        devices.Services.GetRequiredService<ProbeWorker>().Reload();
    }

    private sealed record Result(long Probes, string Late, string Jitter, int Peak, string Cpu, string Memory)
    {
        public static Result From(Listeners listeners, double cpu, long memory, TimeSpan window)
        {
            var all = listeners.Accepted.SelectMany(q => q).ToList();
            // Lateness against the grid the target's first probe in the window sets: drift adds up here, run after run.
            var late = listeners.Accepted
                .SelectMany(q => q.Order().Select((t, k) => Stopwatch.GetElapsedTime(q.Min(), t) - (Interval * k)))
                .Select(l => Math.Abs(l.TotalMilliseconds)).Order().ToList();
            var gaps = listeners.Accepted
                .SelectMany(q => q.Order().Zip(q.Order().Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b) - Interval))
                .Select(g => Math.Abs(g.TotalMilliseconds)).Order().ToList();
            var first = all.Count == 0 ? 0 : all.Min();
            var peak = all.GroupBy(t => (long)(Stopwatch.GetElapsedTime(first, t).TotalMilliseconds / 100))
                .Select(g => g.Count()).DefaultIfEmpty().Max();
            return new Result(all.Count,
                string.Create(CultureInfo.InvariantCulture, $"{P(late, 50):F0} / {P(late, 99):F0} / {(late.Count > 0 ? late[^1] : double.NaN):F0}"),
                string.Create(CultureInfo.InvariantCulture, $"{P(gaps, 50):F0} / {P(gaps, 99):F0} / {(gaps.Count > 0 ? gaps[^1] : double.NaN):F0} ({gaps.Count} gaps)"),
                peak, string.Create(CultureInfo.InvariantCulture, $"{cpu:P1} over {window.TotalSeconds:F0} s"),
                (memory / 1048576).ToString(CultureInfo.InvariantCulture));
        }

        private static double P(List<double> sorted, int percentile) => sorted.Count == 0 ? double.NaN
            : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The probed targets: loopback listeners that accept, note the time and hang up.</summary>
    private sealed class Listeners : IDisposable
    {
        private readonly List<TcpListener> _listeners = [];
        private readonly CancellationTokenSource _stop = new();

        public Listeners(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start(64);
                _listeners.Add(listener);
                var accepted = new ConcurrentQueue<long>();
                Accepted.Add(accepted);
                _ = AcceptAsync(listener, accepted);
            }

            Ports = [.. _listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }

        public IReadOnlyList<int> Ports { get; }

        public List<ConcurrentQueue<long>> Accepted { get; } = [];

        public void Clear() => Accepted.ForEach(q => q.Clear());

        public void Dispose()
        {
            _stop.Cancel();
            _listeners.ForEach(l => l.Stop());
            _stop.Dispose();
        }

        private async Task AcceptAsync(TcpListener listener, ConcurrentQueue<long> accepted)
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await listener.AcceptTcpClientAsync(_stop.Token);
                    accepted.Enqueue(Stopwatch.GetTimestamp());
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Stopped.
            }
        }
    }
}
