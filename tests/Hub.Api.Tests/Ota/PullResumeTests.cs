using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace Hub.Api.Tests.Ota;

/// <summary>
/// The hub restarts while a Tasmota plug (played at the MQTT level) is in the middle of a pull: the new process tells it
/// nothing again, serves the rest of the stored link to the plug's range request, and judges it by what it comes back with.
/// </summary>
[Collection(SerialRollouts.Name)]
public sealed class PullResumeTests : IAsyncDisposable
{
    private const string Topic = "tasmota_1A2B3C";
    private readonly TempFolder _folder = new("pull-resume");
    private readonly byte[] _image;

    public PullResumeTests()
    {
        _image = OtaImages.Payload(120_000, seed: 9);
        _image[0] = 0xE9;
        _image[8] = 0x00;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AHubRestartInTheMiddleOfAPullKeepsTheLinkValidAndThePlugIsToldOnlyOnce()
    {
        string url;
        long rolloutId;
        byte[] head;
        await using (var first = await StartAsync())
        {
            await using var plug = await PlugAsync(first);
            await PublishAsync(plug, $"tele/{Topic}/LWT", "Online");
            await PublishAsync(plug, $"stat/{Topic}/STATUS0", """{"StatusFWR":{"Version":"14.1.0(tasmota)","Hardware":"ESP8266EX"}}""");
            var plugId = await AdoptAsync(first.Hub);
            var imageId = await UploadAsync(first.Admin);
            using var created = await first.Admin.SendAsync(HttpMethod.Post, "/api/rollouts", new
            {
                name = "resumed pull", firmwareId = imageId, plugIds = new[] { plugId }, plugTimeoutSeconds = 120, maxAttempts = 1,
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            rolloutId = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("rollout").GetProperty("id").GetInt64();
            url = (await plug.WaitForAsync((t, _) => t == $"cmnd/{Topic}/OtaUrl", TimeSpan.FromSeconds(30))).Payload;
            using var cut = await RangeAsync(url, 0, 49_999);
            head = await cut.Content.ReadAsByteArrayAsync(Ct);
        }

        await using var second = await StartAsync();
        await using var again = await PlugAsync(second);
        await PublishAsync(again, $"tele/{Topic}/LWT", "Online");
        await PublishAsync(again, $"tele/{Topic}/INFO1", """{"Info1":{"Module":"Sonoff Basic","Version":"14.1.0(tasmota)"}}""");
        var path = new Uri(url).AbsolutePath;
        using var rest = await RangeAsync($"http://127.0.0.1:{second.Port}{path}", 50_000, null);
        var tail = await rest.Content.ReadAsByteArrayAsync(Ct);
        await PublishAsync(again, $"tele/{Topic}/LWT", "Offline");
        await PublishAsync(again, $"tele/{Topic}/LWT", "Online");
        await PublishAsync(again, $"tele/{Topic}/INFO1", """{"Info1":{"Module":"Sonoff Basic","Version":"14.2.0(tasmota)"}}""");
        var done = await Eventually.MatchAsync(() => RolloutAsync(second.Admin, rolloutId), r => r.GetProperty("status").GetString() == "Completed",
            TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
        Assert.Equal(_image, head.Concat(tail));
        Assert.Equal("Succeeded", done.GetProperty("plugs")[0].GetProperty("state").GetString());
        Assert.DoesNotContain(again.Messages, m => m.Topic.StartsWith($"cmnd/{Topic}/", StringComparison.Ordinal)
            && (m.Topic.EndsWith("/OtaUrl", StringComparison.Ordinal) || m.Topic.EndsWith("/Upgrade", StringComparison.Ordinal)));
        // Download counts are written behind the downloads.
        var grants = await Eventually.MatchAsync(async () =>
        {
            await using var scope = second.Hub.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DevicesDb>().PullGrants.AsNoTracking().ToListAsync(Ct);
        }, g => g.Count == 1 && g[0].Requests == 2, TimeSpan.FromSeconds(10));
        Assert.Equal((2, 2), (grants[0].Requests, grants[0].RangeRequests));
        Assert.NotNull(grants[0].SpentAt);
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<RunningHub> StartAsync()
    {
        var hub = new HubFactory(new Dictionary<string, string?> { ["Data:Directory"] = _folder.Combine("data") });
        var port = await hub.StartOnKestrelAsync();
        var admin = HubFactory.KestrelClient(port);
        using (var login = await admin.LoginAsync(HubFactory.AdminUser, hub.AdminPassword))
        {
            // The second process keeps the admin the first one created, with the first one's password.
            if (!login.IsSuccessStatusCode)
            {
                admin.Dispose();
                admin = HubFactory.KestrelClient(port);
                using var retry = await admin.LoginAsync(HubFactory.AdminUser, _password ?? hub.AdminPassword);
                retry.EnsureSuccessStatusCode();
            }
        }

        _password ??= hub.AdminPassword;
        await hub.Services.GetRequiredService<MqttLink>().Connected.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        return new RunningHub(hub, admin, port);
    }

    private string? _password;

    private static async Task<MqttProbe> PlugAsync(RunningHub hub)
    {
        var credentials = hub.Hub.Services.GetRequiredService<HubMqttCredentials>();
        return await MqttProbe.ConnectAsync(hub.Hub.BrokerPort, credentials.Username, credentials.Password, $"cmnd/{Topic}/#");
    }

    private async Task<long> UploadAsync(HubHttpClient admin)
    {
        using var upload = await admin.PostBytesAsync("/api/firmware?name=tasmota-14.2.0.bin", _image);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var id = (await HubHttpClient.ReadJsonAsync(upload)).GetProperty("id").GetInt64();
        using var trust = await admin.SendAsync(HttpMethod.Post, $"/api/firmware/{id}/trust");
        trust.EnsureSuccessStatusCode();
        return id;
    }

    private static async Task<long> AdoptAsync(HubFactory hub)
    {
        var directory = hub.Services.GetRequiredService<PlugDirectory>();
        var entry = await Eventually.MatchAsync(() => Task.FromResult(directory.Find(Topic)), p => p is not null, TimeSpan.FromSeconds(15));
        await Eventually.MatchAsync(async () =>
        {
            await using var scope = hub.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.AsNoTracking().SingleAsync(p => p.Id == entry!.Id, Ct);
        }, p => p.Chip is not null && p.FirmwareBuild is not null, TimeSpan.FromSeconds(15));
        // A scripted plug has no broker account to change nor a restart to make: the row is adopted directly.
        await using (var scope = hub.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.Where(p => p.Id == entry!.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PlugStatus.Adopted), Ct);
        }

        directory.Set(entry! with { Status = PlugStatus.Adopted });
        return entry!.Id;
    }

    private static async Task<JsonElement> RolloutAsync(HubHttpClient admin, long id)
    {
        using var response = await admin.Http.GetAsync(new Uri($"/api/rollouts/{id}", UriKind.Relative), Ct);
        return await HubHttpClient.ReadJsonAsync(response);
    }

    private static async Task PublishAsync(MqttProbe plug, string topic, string payload) =>
        await plug.Client.PublishStringAsync(topic, payload, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: Ct);

    private static async Task<HttpResponseMessage> RangeAsync(string url, long from, long? to)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(from, to);
        var response = await client.SendAsync(request, Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }

    private sealed record RunningHub(HubFactory Hub, HubHttpClient Admin, int Port) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Admin.Dispose();
            await Hub.DisposeAsync();
        }
    }
}
