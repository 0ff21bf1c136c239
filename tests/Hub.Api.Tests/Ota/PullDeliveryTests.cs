using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hub.Devices.Fleet;
using Hub.Devices.Protocols;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Ota;

/// <summary>
/// Pull delivery over real Kestrel on loopback: the requests an ESP's HTTP client makes (plain GET, ranges to resume,
/// a slow reader), against the anonymous one-time download link.
/// </summary>
public sealed class PullDeliveryTests : IAsyncLifetime
{
    private readonly HubFactory _hub = new(new Dictionary<string, string?> { ["Ota:Firmware:TrustedKeys:0"] = OtaImages.DevPublicKeyPath });
    private HubHttpClient _admin = null!;
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

        using var key = OtaImages.DevKey();
        _image = OtaImages.PlugImage(key, "BL602", "1.30.0", OtaImages.Payload(40_000));
        using var upload = await _admin.PostBytesAsync("/api/firmware", _image);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        _imageId = (await HubHttpClient.ReadJsonAsync(upload)).GetProperty("id").GetInt64();
        await using var scope = _hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var plug = new Plug { Topic = "tasmota_0A0B0C", Protocol = PlugProtocolKind.Tasmota, Status = PlugStatus.Adopted };
        db.Plugs.Add(plug);
        await db.SaveChangesAsync();
        _plugId = plug.Id;
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task AGrantNamesTheTasmotaCommandsAndItsLinkServesRangesUntilTheLastByteWasSent()
    {
        var (url, commands) = await GrantAsync();
        using var plug = new HttpClient();

        using var head = await GetAsync(plug, url, 0, 4095);
        var first = await head.Content.ReadAsByteArrayAsync(Ct);
        using var again = await GetAsync(plug, url, 0, 4095);
        using var rest = await GetAsync(plug, url, 4096, null);
        var second = await rest.Content.ReadAsByteArrayAsync(Ct);
        using var spent = await Eventually.MatchAsync(() => plug.GetAsync(url, Ct), r => r.StatusCode == HttpStatusCode.Gone, TimeSpan.FromSeconds(10));
        using var forged = await plug.GetAsync(url.Replace(url.Split('/')[^2], "AAAAAAAAAAAAAAAAAAAAAA", StringComparison.Ordinal), Ct);

        Assert.Equal([$"OtaUrl {url}", "Upgrade 1"], commands);
        Assert.True(url.Length <= 100, url);
        Assert.Equal(HttpStatusCode.PartialContent, head.StatusCode);
        Assert.Equal(["bytes"], head.Headers.AcceptRanges);
        Assert.Equal($"bytes 0-4095/{_image.Length}", head.Content.Headers.ContentRange?.ToString());
        Assert.Equal(HttpStatusCode.PartialContent, again.StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
        Assert.Equal($"bytes 4096-{_image.Length - 1}/{_image.Length}", rest.Content.Headers.ContentRange?.ToString());
        Assert.Equal(_image, first.Concat(second));
        Assert.Equal(HttpStatusCode.Gone, spent.StatusCode);
        Assert.Equal("application/problem+json", spent.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task APlugReadingAtEightKilobytesASecondGetsTheWholeImageAfterAnInterruptedStart()
    {
        var (url, _) = await GrantAsync();
        using var plug = new HttpClient();

        using (var cut = await GetAsync(plug, url, 0, 9999))
        {
            await using var body = await cut.Content.ReadAsStreamAsync(Ct);
            Assert.Equal(1000, await body.ReadAtLeastAsync(new byte[1000], 1000, cancellationToken: Ct));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(1000, null);
        using var resumed = await plug.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        var received = new MemoryStream();
        await using (var body = await resumed.Content.ReadAsStreamAsync(Ct))
        {
            var chunk = new byte[1024];
            int read;
            // 1 kB every 125 ms: the 8 kB/s of a plug on a weak link.
            while ((read = await body.ReadAsync(chunk, Ct)) > 0)
            {
                received.Write(chunk, 0, read);
                await Task.Delay(TimeSpan.FromMilliseconds(125), Ct);
            }
        }

        using var spent = await Eventually.MatchAsync(() => plug.GetAsync(url, Ct), r => r.StatusCode == HttpStatusCode.Gone, TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.PartialContent, resumed.StatusCode);
        Assert.Equal(_image.Length - 1000, resumed.Content.Headers.ContentLength);
        Assert.Equal(_image[1000..], received.ToArray());
        Assert.Equal(HttpStatusCode.Gone, spent.StatusCode);
    }

    [Fact]
    public async Task TheDownloadLinkNeedsNoSessionButIssuingOneDoes()
    {
        using var anonymous = new HttpClient { BaseAddress = _admin.Http.BaseAddress };
        using var refused = await anonymous.PostAsJsonAsync($"/api/firmware/{_imageId}/pull-grants", new { plugId = _plugId }, Ct);
        using var unknownPlug = await _admin.SendAsync(HttpMethod.Post, $"/api/firmware/{_imageId}/pull-grants", new { plugId = _plugId + 1000 });
        var (url, _) = await GrantAsync();
        using var download = await anonymous.GetAsync(new Uri(url), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPlug.StatusCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(_image, await download.Content.ReadAsByteArrayAsync(Ct));
    }

    private async Task<(string Url, List<string> Commands)> GrantAsync()
    {
        using var response = await _admin.SendAsync(HttpMethod.Post, $"/api/firmware/{_imageId}/pull-grants", new { plugId = _plugId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await HubHttpClient.ReadJsonAsync(response);
        return (body.GetProperty("url").GetString()!, [.. body.GetProperty("commands").EnumerateArray().Select(c => c.GetString()!)]);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, long from, long? to)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(from, to);
        return await client.SendAsync(request, Ct);
    }
}
