using System.Diagnostics;
using System.Globalization;
using Hub.Devices.Fleet;
using Hub.Devices.Protocols;
using Hub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Hub.Benchmarks;

/// <summary>
/// N plugs pulling the same image at once: N parallel <c>curl</c> downloads of their one-time links from the hub,
/// against N parallel <c>curl</c> downloads of the same file from a plain static-file server (Kestrel, no auth, no
/// tokens) in the same process and run.
/// </summary>
internal static class TransferBenchmark
{
    public static async Task RunAsync(int transfers, int imageBytes)
    {
        using var folder = new TempFolder("bench-transfers");
        await using var hub = new HubFactory(new Dictionary<string, string?>
        {
            ["Ota:Firmware:TrustedKeys:0"] = OtaImages.DevPublicKeyPath,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        var hubPort = FreePort.Next();
        hub.UseKestrel(hubPort);
        hub.StartServer();
        await hub.WaitUntilReadyAsync();
        using var admin = new HubHttpClient(new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri($"http://127.0.0.1:{hubPort}") });
        (await admin.LoginAsync(HubFactory.AdminUser, hub.AdminPassword)).EnsureSuccessStatusCode();
        using var key = OtaImages.DevKey();
        var image = OtaImages.PlugImage(key, "BL602", "1.50.0", OtaImages.Payload(imageBytes));
        using var upload = await admin.PostBytesAsync("/api/firmware", image);
        var imageId = (await HubHttpClient.ReadJsonAsync(upload)).GetProperty("id").GetInt64();
        var plugIds = new List<long>();
        await using (var scope = hub.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            var plugs = Enumerable.Range(0, transfers)
                .Select(i => new Plug { Topic = $"bench_{i:D4}", Protocol = PlugProtocolKind.OpenBeken, Status = PlugStatus.Adopted }).ToList();
            db.Plugs.AddRange(plugs);
            await db.SaveChangesAsync();
            plugIds.AddRange(plugs.Select(p => p.Id));
        }

        await File.WriteAllBytesAsync(folder.Combine("fw.bin"), image);
        var staticPort = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{staticPort}");
        await using var plain = builder.Build();
        plain.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder.Path), ServeUnknownFileTypes = true });
        await plain.StartAsync();
        var plainUrl = $"http://127.0.0.1:{staticPort}/fw.bin";

        // One download each first, so neither side pays the first request's JIT in the measurement.
        await CurlAllAsync([.. await GrantsAsync(admin, imageId, plugIds.Take(1))], image.Length);
        await CurlAllAsync([plainUrl], image.Length);
        var process = Process.GetCurrentProcess();
        var rounds = new List<(Measured Hub, Measured Plain)>();
        for (var round = 0; round < 3; round++)
        {
            var urls = await GrantsAsync(admin, imageId, plugIds);
            // Alternating which side goes first evens out what the other one leaves behind (page cache, GC, load).
            Measured? hubRun = null, plainRun = null;
            foreach (var side in round % 2 == 0 ? new[] { 0, 1 } : [1, 0])
            {
                var cpuBefore = process.TotalProcessorTime;
                var (wall, ok) = await CurlAllAsync(side == 0 ? urls : [.. Enumerable.Repeat(plainUrl, transfers)], image.Length);
                process.Refresh();
                var measured = new Measured(wall, ok, process.TotalProcessorTime - cpuBefore, process.WorkingSet64);
                (hubRun, plainRun) = side == 0 ? (measured, plainRun) : (hubRun, measured);
            }

            rounds.Add((hubRun!, plainRun!));
        }

        var median = rounds.OrderBy(r => r.Hub.Wall / r.Plain.Wall).ElementAt(1);
        Console.WriteLine("## OTA: concurrent image downloads, hub against a plain static server");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Command: `dotnet run -c Release --project tests/Hub.Benchmarks -- transfers {transfers} {imageBytes}` ({Environment.ProcessorCount} cores)"));
        Console.WriteLine();
        Console.WriteLine("| path (median round) | complete downloads | wall time | process CPU | working set after |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| hub, one-time links (`/ota/{{token}}/fw.bin`) | {median.Hub.Complete}/{transfers} | {median.Hub.Wall.TotalSeconds:F2} s | {median.Hub.Cpu.TotalSeconds:F2} s | {median.Hub.WorkingSet / 1048576} MiB |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| plain Kestrel static files, same file | {median.Plain.Complete}/{transfers} | {median.Plain.Wall.TotalSeconds:F2} s | {median.Plain.Cpu.TotalSeconds:F2} s | – |"));
        Console.WriteLine();
        Console.WriteLine("All rounds (hub s, plain s, ratio): " + string.Join("; ", rounds.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Hub.Wall.TotalSeconds:F2}, {r.Plain.Wall.TotalSeconds:F2}, {r.Hub.Wall / r.Plain.Wall:F2}"))));
        Console.WriteLine();
    }

    private sealed record Measured(TimeSpan Wall, int Complete, TimeSpan Cpu, long WorkingSet);

    private static async Task<List<string>> GrantsAsync(HubHttpClient admin, long imageId, IEnumerable<long> plugIds)
    {
        var urls = new List<string>();
        foreach (var plugId in plugIds)
        {
            using var grant = await admin.SendAsync(HttpMethod.Post, $"/api/firmware/{imageId}/pull-grants", new { plugId });
            urls.Add((await HubHttpClient.ReadJsonAsync(grant)).GetProperty("url").GetString()!);
        }

        return urls;
    }

    /// <summary>Starts one curl per URL at once and waits for all; a download counts when curl got every byte.</summary>
    private static async Task<(TimeSpan Wall, int Complete)> CurlAllAsync(List<string> urls, int length)
    {
        var clock = Stopwatch.StartNew();
        var runs = urls.Select(async url =>
        {
            var info = new ProcessStartInfo("curl") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in new[] { "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", url })
            {
                info.ArgumentList.Add(arg);
            }

            using var curl = Process.Start(info)!;
            var output = await curl.StandardOutput.ReadToEndAsync();
            await curl.WaitForExitAsync();
            return output == $"200 {length}";
        }).ToList();
        var results = await Task.WhenAll(runs);
        return (clock.Elapsed, results.Count(ok => ok));
    }
}
