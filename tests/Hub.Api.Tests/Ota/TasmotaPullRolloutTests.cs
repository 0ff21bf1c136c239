using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace Hub.Api.Tests.Ota;

/// <summary>
/// A rollout to a Tasmota plug. No Tasmota runs here, so the test plays the plug at the MQTT level (the messages Tasmota
/// publishes, fact sheet §8) and downloads the link with curl, the way an ESP's HTTP client pulls: cut off halfway, then
/// resumed with a range request.
/// </summary>
[Collection(SerialRollouts.Name)]
public sealed class TasmotaPullRolloutTests : IAsyncLifetime
{
    private const string Topic = "tasmota_0A0B0C";
    private readonly HubFactory _hub = new();
    private readonly TempFolder _folder = new("tasmota-pull");
    private HubHttpClient _admin = null!;
    private MqttProbe _plug = null!;
    private byte[] _image = null!;
    private long _imageId;
    private long _plugId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var port = await _hub.StartOnKestrelAsync();
        _admin = HubFactory.KestrelClient(port);
        using (var login = await _admin.LoginAsync(HubFactory.AdminUser, _hub.AdminPassword))
        {
            login.EnsureSuccessStatusCode();
        }

        // An ESP8266 application image as Tasmota ships it: magic 0xE9, no ESP32 extended header.
        _image = OtaImages.Payload(200_000, seed: 5);
        _image[0] = 0xE9;
        _image[8] = 0x00;
        using var upload = await _admin.PostBytesAsync("/api/firmware?name=tasmota-14.2.0.bin", _image);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        _imageId = (await HubHttpClient.ReadJsonAsync(upload)).GetProperty("id").GetInt64();
        using var trust = await _admin.SendAsync(HttpMethod.Post, $"/api/firmware/{_imageId}/trust");
        trust.EnsureSuccessStatusCode();

        await _hub.Services.GetRequiredService<MqttLink>().Connected.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var credentials = _hub.Services.GetRequiredService<HubMqttCredentials>();
        _plug = await MqttProbe.ConnectAsync(_hub.BrokerPort, credentials.Username, credentials.Password, $"cmnd/{Topic}/#");
        await PublishAsync($"tele/{Topic}/LWT", "Online");
        await PublishAsync($"stat/{Topic}/STATUS0", """{"StatusFWR":{"Version":"14.1.0(tasmota)","BuildDateTime":"2026-06-01T10:00:00","Boot":31,"Core":"2_7_7","SDK":"2.2.2-dev(38a443e)","Hardware":"ESP8266EX"}}""");
        _plugId = await AdoptAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _plug.DisposeAsync();
        _admin.Dispose();
        await _hub.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task ATasmotaPlugIsToldOtaUrlThenUpgradeAndSucceedsAfterARangedDownloadAndARebootOnTheNewBuild()
    {
        var id = await CreateRolloutAsync();
        var (url, commands) = await CommandsAsync();
        var (first, resumed) = await DownloadInTwoPartsAsync(url);
        await RebootAsync("14.2.0(tasmota)");
        var done = await Eventually.MatchAsync(() => RolloutAsync(id), r => r.GetProperty("status").GetString() == "Completed", TimeSpan.FromSeconds(60));
        // The link is the plug's until its attempt ended, then it is closed.
        var again = await CurlAsync("-sS", "-o", "/dev/null", "-w", "%{http_code}", url);
        var row = done.GetProperty("plugs").EnumerateArray().Single();

        Assert.Equal(["OtaUrl", "Upgrade 1"], commands);
        Assert.StartsWith($"{_admin.Http.BaseAddress!.ToString().TrimEnd('/')}/ota/", url, StringComparison.Ordinal);
        Assert.EndsWith("/fw.bin", url, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 206", first, StringComparison.Ordinal);
        Assert.Contains($"Content-Range: bytes 0-79999/{_image.Length}", first, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("HTTP/1.1 206", resumed, StringComparison.Ordinal);
        Assert.Contains($"Content-Range: bytes 80000-{_image.Length - 1}/{_image.Length}", resumed, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(_image, await File.ReadAllBytesAsync(_folder.Combine("fw.bin"), Ct));
        Assert.Equal("410", again.Trim());
        Assert.Equal("Succeeded", row.GetProperty("state").GetString());
        Assert.Equal("Pull", row.GetProperty("delivery").GetString());
        Assert.Equal(_image.Length, row.GetProperty("bytesServed").GetInt64());
        Assert.Equal("14.2.0(tasmota)", row.GetProperty("reportedBuild").GetString());
    }

    [Fact]
    public async Task ATasmotaPlugThatComesBackOnItsOldBuildFailsAndARetryGivesItANewLinkWhileTheOldOneIsClosed()
    {
        var id = await CreateRolloutAsync();
        var (url, _) = await CommandsAsync();
        var whole = await CurlAsync("-sS", "-f", "-o", _folder.Combine("fw.bin"), "-w", "%{http_code}", url);
        await RebootAsync("14.1.0(tasmota)");
        var failed = await Eventually.MatchAsync(() => RolloutAsync(id), r => r.GetProperty("plugs")[0].GetProperty("state").GetString() == "Failed",
            TimeSpan.FromSeconds(60));

        using (var retry = await _admin.SendAsync(HttpMethod.Post, $"/api/rollouts/{id}/retry-failed"))
        using (var resume = await _admin.SendAsync(HttpMethod.Post, $"/api/rollouts/{id}/resume"))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        }

        var second = (await _plug.WaitForAsync((t, p) => t == $"cmnd/{Topic}/OtaUrl" && p != url, TimeSpan.FromSeconds(30))).Payload;
        await _plug.WaitForAsync((t, _) => t == $"cmnd/{Topic}/Upgrade" && _plug.Messages.Count(m => m.Topic == t) == 2, TimeSpan.FromSeconds(30));
        var old = await CurlAsync("-sS", "-o", "/dev/null", "-w", "%{http_code}", url);
        await CurlAsync("-sS", "-f", "-o", _folder.Combine("fw2.bin"), second);
        await RebootAsync("14.2.0(tasmota)");
        var done = await Eventually.MatchAsync(() => RolloutAsync(id), r => r.GetProperty("status").GetString() == "Completed", TimeSpan.FromSeconds(60));

        Assert.Equal("200", whole.Trim());
        Assert.Equal("came back with the old build (14.1.0(tasmota))", failed.GetProperty("plugs")[0].GetProperty("reason").GetString());
        Assert.Equal("410", old.Trim());
        Assert.Equal("Succeeded", done.GetProperty("plugs")[0].GetProperty("state").GetString());
        Assert.Equal(_image, await File.ReadAllBytesAsync(_folder.Combine("fw2.bin"), Ct));
    }

    [Fact]
    public async Task ATasmotaPlugReportingTooLittleFreeProgramSpaceIsRefusedTheImageWithTheReasonAndTakesItOnceItReportsEnough()
    {
        // Status 0 as Tasmota answers it, with StatusMEM.Free in KiB: 150 KiB is less than the 200,000-byte image.
        await PublishAsync($"stat/{Topic}/STATUS0", StatusWithFree(150));
        await Eventually.MatchAsync(PlugRowAsync, p => p.OtaPartitionBytes == 150 * 1024, TimeSpan.FromSeconds(15));
        var small = await PreviewAsync();
        using var refused = await _admin.SendAsync(HttpMethod.Post, "/api/rollouts", new
        {
            name = "too big", firmwareId = _imageId, plugIds = new[] { _plugId }, plugTimeoutSeconds = 60, maxAttempts = 1,
        });
        var problem = await HubHttpClient.ReadJsonAsync(refused);
        await PublishAsync($"stat/{Topic}/STATUS0", StatusWithFree(400));
        await Eventually.MatchAsync(PlugRowAsync, p => p.OtaPartitionBytes == 400 * 1024, TimeSpan.FromSeconds(15));
        var enough = await PreviewAsync();

        const string reason = "image of 200000 bytes does not fit the 153600 bytes of free program space the plug reports " +
            "(Tasmota StatusMEM.Free): update it to Tasmota's minimal image first, then to this one";
        Assert.False(small.GetProperty("compatible").GetBoolean());
        Assert.Equal(reason, small.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(reason, problem.GetProperty("plugs")[0].GetProperty("reason").GetString());
        Assert.True(enough.GetProperty("compatible").GetBoolean(), enough.ToString());
        Assert.DoesNotContain(_plug.Messages, m => m.Topic == $"cmnd/{Topic}/OtaUrl");
    }

    private static string StatusWithFree(int freeKib) =>
        $$$"""{"StatusFWR":{"Version":"14.1.0(tasmota)","Hardware":"ESP8266EX"},"StatusMEM":{"ProgramSize":620,"Free":{{{freeKib}}},"Heap":25,"ProgramFlashSize":1024,"FlashSize":1024,"FlashMode":3}}""";

    /// <summary>The verdict the preview gives the one plug.</summary>
    private async Task<JsonElement> PreviewAsync()
    {
        using var response = await _admin.SendAsync(HttpMethod.Post, "/api/rollouts/preview", new { firmwareId = _imageId, plugIds = new[] { _plugId } });
        var body = await HubHttpClient.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.EnumerateArray().Single();
    }

    private async Task<long> CreateRolloutAsync()
    {
        using var created = await _admin.SendAsync(HttpMethod.Post, "/api/rollouts", new
        {
            name = "tasmota 14.2.0", firmwareId = _imageId, plugIds = new[] { _plugId }, plugTimeoutSeconds = 60, maxAttempts = 1,
        });
        var body = await HubHttpClient.ReadJsonAsync(created);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("rollout").GetProperty("id").GetInt64();
    }

    /// <summary>The URL the plug was told and the commands in the order they came.</summary>
    private async Task<(string Url, List<string> Commands)> CommandsAsync()
    {
        await _plug.WaitForAsync((t, _) => t == $"cmnd/{Topic}/Upgrade", TimeSpan.FromSeconds(30));
        var commands = _plug.Messages.Where(m => m.Topic.StartsWith($"cmnd/{Topic}/", StringComparison.Ordinal)).ToList();
        var url = commands.Single(m => m.Topic.EndsWith("/OtaUrl", StringComparison.Ordinal)).Payload;
        return (url, [.. commands.Select(m => m.Topic.Split('/')[^1] == "Upgrade" ? $"Upgrade {m.Payload}" : m.Topic.Split('/')[^1])]);
    }

    /// <summary>The first 80,000 bytes, as if the Wi-Fi dropped there, then the rest resumed from the file's end (<c>-C -</c>).</summary>
    private async Task<(string FirstHeaders, string ResumedHeaders)> DownloadInTwoPartsAsync(string url)
    {
        var file = _folder.Combine("fw.bin");
        await CurlAsync("-sS", "-f", "-r", "0-79999", "-D", _folder.Combine("first.txt"), "-o", file, url);
        await CurlAsync("-sS", "-f", "-C", "-", "-D", _folder.Combine("resumed.txt"), "-o", file, url);
        return (await File.ReadAllTextAsync(_folder.Combine("first.txt"), Ct), await File.ReadAllTextAsync(_folder.Combine("resumed.txt"), Ct));
    }

    /// <summary>What Tasmota does after Upgrade: its last will goes out, then it is back with INFO1 naming its build.</summary>
    private async Task RebootAsync(string build)
    {
        await PublishAsync($"tele/{Topic}/LWT", "Offline");
        await PublishAsync($"tele/{Topic}/LWT", "Online");
        await PublishAsync($"tele/{Topic}/INFO1", $$$"""{"Info1":{"Module":"Sonoff Basic","Version":"{{{build}}}","FallbackTopic":"cmnd/DVES_0A0B0C_fb/","GroupTopic":"cmnd/tasmotas/"}}""");
    }

    private async Task<long> AdoptAsync()
    {
        var directory = _hub.Services.GetRequiredService<PlugDirectory>();
        var entry = await Eventually.MatchAsync(() => Task.FromResult(directory.Find(Topic)), p => p is not null, TimeSpan.FromSeconds(15));
        await Eventually.MatchAsync(PlugRowAsync, p => p.Chip is not null && p.FirmwareBuild is not null, TimeSpan.FromSeconds(15));
        // Adoption proper changes the plug's broker account and restarts it; a scripted plug has neither, so the row says so.
        await using (var scope = _hub.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.Where(p => p.Id == entry!.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PlugStatus.Adopted), Ct);
        }

        directory.Set(entry! with { Status = PlugStatus.Adopted });
        return entry!.Id;
    }

    private async Task<Plug> PlugRowAsync()
    {
        await using var scope = _hub.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.AsNoTracking().SingleAsync(p => p.Topic == Topic, Ct);
    }

    private async Task<JsonElement> RolloutAsync(long id)
    {
        using var response = await _admin.Http.GetAsync(new Uri($"/api/rollouts/{id}", UriKind.Relative), Ct);
        return await HubHttpClient.ReadJsonAsync(response);
    }

    private async Task PublishAsync(string topic, string payload) =>
        await _plug.Client.PublishStringAsync(topic, payload, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: Ct);

    private static async Task<string> CurlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        // Loopback only, never through a proxy from the environment; no transfer here needs a minute.
        foreach (var argument in new[] { "--noproxy", "*", "--max-time", "60" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var curl = Process.Start(start)!;
        var output = await curl.StandardOutput.ReadToEndAsync(Ct);
        var error = await curl.StandardError.ReadToEndAsync(Ct);
        await curl.WaitForExitAsync(Ct);
        Assert.True(curl.ExitCode == 0, $"curl {string.Join(' ', arguments)} exited {curl.ExitCode}: {error}");
        return output;
    }
}
