using System.Net;
using System.Net.Http.Headers;
using Hub.Devices.Fleet;
using Hub.Devices.Ota.Delivery;
using Hub.Devices.Protocols;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Ota;

/// <summary>Pull links are rows: they outlive a hub restart in the middle of a download, and only their token's hash is kept.</summary>
public sealed class PullGrantStorageTests : IAsyncDisposable
{
    private readonly TempFolder _folder = new("pull-grants");
    private readonly byte[] _image;

    public PullGrantStorageTests()
    {
        using var key = OtaImages.DevKey();
        _image = OtaImages.PlugImage(key, "BL602", "1.31.0", OtaImages.Payload(30_000, seed: 3));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALinkCutOffBeforeAHubRestartIsResumedAfterItAndItsTokenIsStoredOnlyAsAHash()
    {
        string url;
        byte[] head;
        await using (var first = await StartAsync())
        {
            url = await GrantAsync(first.Admin, first.ImageId, first.PlugId);
            using var cut = await RangeAsync(url, 0, 9_999);
            head = await cut.Content.ReadAsByteArrayAsync(Ct);
        }

        await using var second = await StartAsync();
        var path = new Uri(url).PathAndQuery;
        using var rest = await RangeAsync($"http://127.0.0.1:{second.Port}{path}", 10_000, null);
        var tail = await rest.Content.ReadAsByteArrayAsync(Ct);
        var rows = await GrantsAsync(second.Hub);

        Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
        Assert.Equal(_image, head.Concat(tail));
        var row = Assert.Single(rows);
        Assert.DoesNotContain(path.Split('/')[2], row.TokenHash, StringComparison.Ordinal);
        Assert.Equal(64, row.TokenHash.Length);
        await Eventually.MatchAsync(() => GrantsAsync(second.Hub), g => g[0].SpentAt is not null && g[0].BytesServed == _image.Length,
            TimeSpan.FromSeconds(10));
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<RunningHub> StartAsync()
    {
        var hub = new HubFactory(new Dictionary<string, string?>
        {
            ["Ota:Firmware:TrustedKeys:0"] = OtaImages.DevPublicKeyPath,
            ["Data:Directory"] = _folder.Combine("data"),
        });
        var port = await hub.StartOnKestrelAsync();
        var admin = HubFactory.KestrelClient(port);
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var plug = await db.Plugs.FirstOrDefaultAsync(Ct);
        if (plug is not null)
        {
            return new RunningHub(hub, admin, port, 0, plug.Id);
        }

        using (var login = await admin.LoginAsync(HubFactory.AdminUser, hub.AdminPassword))
        {
            login.EnsureSuccessStatusCode();
        }

        using var upload = await admin.PostBytesAsync("/api/firmware", _image);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        plug = new Plug { Topic = "tasmota_0D0E0F", Protocol = PlugProtocolKind.Tasmota, Status = PlugStatus.Adopted };
        db.Plugs.Add(plug);
        await db.SaveChangesAsync(Ct);
        return new RunningHub(hub, admin, port, (await HubHttpClient.ReadJsonAsync(upload)).GetProperty("id").GetInt64(), plug.Id);
    }

    private static async Task<string> GrantAsync(HubHttpClient admin, long imageId, long plugId)
    {
        using var response = await admin.SendAsync(HttpMethod.Post, $"/api/firmware/{imageId}/pull-grants", new { plugId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await HubHttpClient.ReadJsonAsync(response)).GetProperty("url").GetString()!;
    }

    private static async Task<List<PullGrant>> GrantsAsync(HubFactory hub)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DevicesDb>().PullGrants.AsNoTracking().ToListAsync(Ct);
    }

    private static async Task<HttpResponseMessage> RangeAsync(string url, long from, long? to)
    {
        using var plug = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(from, to);
        var response = await plug.SendAsync(request, Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }

    private sealed record RunningHub(HubFactory Hub, HubHttpClient Admin, int Port, long ImageId, long PlugId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Admin.Dispose();
            await Hub.DisposeAsync();
        }
    }
}
