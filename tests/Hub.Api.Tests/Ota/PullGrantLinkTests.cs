using System.Net;
using Hub.Devices.Fleet;
using Hub.Devices.Ota.Delivery;
using Hub.Devices.Protocols;
using Hub.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Ota;

/// <summary>
/// A link issued by hand names the hub as plugs reach it, whatever address the admin's request came in on: plugs speak
/// plain http on the LAN, and the admin may be on https behind a proxy.
/// </summary>
public sealed class PullGrantLinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("http://192.168.1.10:8080")]
    public async Task ALinkAskedForOverHttpsOnAnotherHostNamesThePlainHttpBasePlugsReach(string? publicBaseUrl)
    {
        var settings = new Dictionary<string, string?> { ["Ota:Firmware:TrustedKeys:0"] = OtaImages.DevPublicKeyPath };
        if (publicBaseUrl is not null)
        {
            settings["Ota:Pull:PublicBaseUrl"] = publicBaseUrl;
        }

        await using var hub = new HubFactory(settings);
        await hub.WaitUntilReadyAsync();
        using var admin = new HubHttpClient(hub.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://admin.example:8443"), AllowAutoRedirect = false, HandleCookies = true,
        }));
        using (var login = await admin.LoginAsync(HubFactory.AdminUser, hub.AdminPassword))
        {
            login.EnsureSuccessStatusCode();
        }

        var (imageId, plugId) = await ImageAndTasmotaPlugAsync(hub, admin);
        using var response = await admin.SendAsync(HttpMethod.Post, $"/api/firmware/{imageId}/pull-grants", new { plugId });
        var body = await HubHttpClient.ReadJsonAsync(response);
        var url = body.GetProperty("url").GetString()!;
        // Unset, the base is the listener's own http address (the test server has none: loopback).
        var expectedBase = publicBaseUrl ?? hub.Services.GetRequiredService<PullLinks>().BaseUrl;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith($"{expectedBase}/ota/", url, StringComparison.Ordinal);
        Assert.Equal(Uri.UriSchemeHttp, new Uri(url).Scheme);
        Assert.DoesNotContain("admin.example", url, StringComparison.Ordinal);
        Assert.Equal($"OtaUrl {url}", body.GetProperty("commands")[0].GetString());
    }

    private static async Task<(long ImageId, long PlugId)> ImageAndTasmotaPlugAsync(HubFactory hub, HubHttpClient admin)
    {
        using var key = OtaImages.DevKey();
        using var upload = await admin.PostBytesAsync("/api/firmware", OtaImages.PlugImage(key, "BL602", "1.30.0", OtaImages.Payload(5_000)));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var plug = new Plug { Topic = "tasmota_0A0B0C", Protocol = PlugProtocolKind.Tasmota, Status = PlugStatus.Adopted };
        db.Plugs.Add(plug);
        await db.SaveChangesAsync(Ct);
        return ((await HubHttpClient.ReadJsonAsync(upload)).GetProperty("id").GetInt64(), plug.Id);
    }
}
