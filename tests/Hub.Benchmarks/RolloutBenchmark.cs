using System.Diagnostics;
using System.Globalization;
using System.Net;
using Hub.Devices.Fleet;
using Hub.Devices.Ota.Rollouts;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Benchmarks;

/// <summary>
/// A rollout over N plugsim plugs through the whole hub (push delivery, reboot, verification): its wall time against
/// the ideal, the sum of the plugs' own update times divided by the concurrency, measured in the same run.
/// </summary>
internal static class RolloutBenchmark
{
    public static async Task RunAsync(int plugs, int concurrency)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ota:Firmware:TrustedKeys:0"] = OtaImages.DevPublicKeyPath,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        await using var setup = await HubWithPlugs.StartAsync(plugs, settings, "--publish-interval-s", "10");
        await PrepareFleetAsync(setup, plugs);
        using var key = OtaImages.DevKey();
        using var upload = await setup.Client.PostBytesAsync("/api/firmware", OtaImages.PlugImage(key, "BL602", "1.40.0", OtaImages.Payload(100_000)));
        var imageId = (await HubHttpClient.ReadJsonAsync(upload)).GetProperty("id").GetInt64();

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/rollouts", new
        {
            name = "benchmark", firmwareId = imageId, maxConcurrency = concurrency, maxAttempts = 1, plugTimeoutSeconds = 600,
        });
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating the rollout answered {created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }

        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("rollout").GetProperty("id").GetInt64();
        var peakMemory = 0L;
        var rows = await Eventually.MatchAsync(async () =>
        {
            process.Refresh();
            peakMemory = Math.Max(peakMemory, process.WorkingSet64);
            await using var scope = setup.Hub.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            return await db.RolloutPlugs.AsNoTracking().Where(p => p.RolloutId == id).ToListAsync();
        }, r => r.All(p => RolloutRules.IsFinal(p.State)), TimeSpan.FromMinutes(60));
        var observed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        var succeeded = rows.Count(r => r.State == RolloutPlugState.Succeeded);
        var wall = (rows.Max(r => r.FinishedAt!.Value) - rows.Min(r => r.StartedAt!.Value)).TotalSeconds;
        var perPlug = rows.Select(r => (r.FinishedAt!.Value - r.StartedAt!.Value).TotalSeconds).Order().ToList();
        var ideal = perPlug.Sum() / concurrency;
        Console.WriteLine("## OTA: rollout wall time against the ideal");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Command: `dotnet run -c Release --project tests/Hub.Benchmarks -- rollout {plugs} {concurrency}` ({Environment.ProcessorCount} cores)"));
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| plugs succeeded | {succeeded} of {rows.Count} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| per-plug update time (sending → verified) p50 / p99 / max | {perPlug[perPlug.Count / 2]:F1} / {perPlug[(int)(perPlug.Count * 0.99)]:F1} / {perPlug[^1]:F1} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| ideal: sum of per-plug times / concurrency {concurrency} | {ideal:F1} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| wall time, first start → last finish | {wall:F1} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| wall / ideal | {wall / ideal:F2} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| benchmark process (hub in-process) CPU during the rollout | {cpu.TotalSeconds / observed.TotalSeconds * 100:F0}% of one core |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| benchmark process peak working set | {peakMemory / 1048576} MiB |"));
        Console.WriteLine();
    }

    /// <summary>
    /// Every plug registered, online and on its factory build, then marked adopted with its web server's address in the
    /// database: adoption's restarts and discovery's HTTP probing are not what this measures.
    /// </summary>
    private static async Task PrepareFleetAsync(HubWithPlugs setup, int plugs)
    {
        await Eventually.MatchAsync(async () =>
        {
            await using var scope = setup.Hub.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.CountAsync(p => p.Chip != null && p.FirmwareBuild != null);
        }, n => n == plugs, TimeSpan.FromMinutes(10));
        await using var scope = setup.Hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        foreach (var (topic, endpoint) in setup.Sim.Plugs)
        {
            var address = endpoint.ToString();
            await db.Plugs.Where(p => p.Topic == topic).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PlugStatus.Adopted).SetProperty(p => p.HttpEndpoint, address));
        }
    }
}
