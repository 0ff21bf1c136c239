using System.Net;
using Hub.Testing;

namespace Hub.Api.Tests.Watchdog;

public sealed class WatchdogApiTests
{
    [Fact]
    public async Task ADeviceBehindAPlugGetsAProbeThatShowsInTheStatusAndCanBeRemoved()
    {
        await using var setup = await HubWithPlugs.StartAsync();
        var plugId = await setup.AdoptAsync("obk_000000");

        using var device = await setup.Client.SendAsync(HttpMethod.Post, "/api/watchdog/devices",
            new { name = "router", plugId, host = "127.0.0.1", offSeconds = 5 });
        var deviceId = (await HubHttpClient.ReadJsonAsync(device)).GetProperty("id").GetInt64();
        using var probe = await setup.Client.SendAsync(HttpMethod.Post, "/api/watchdog/probes", new
        {
            deviceId, kind = "Tcp", port = FreePort.Next(), intervalSeconds = 60, failuresToTrip = 2, window = 3, onDown = "PowerCycle",
        });
        var probeId = (await HubHttpClient.ReadJsonAsync(probe)).GetProperty("id").GetInt64();
        var status = await Eventually.MatchAsync(() => GetJsonAsync(setup, "/api/watchdog/status"),
            s => s.GetArrayLength() == 1, TimeSpan.FromSeconds(10));
        using var deleted = await setup.Client.SendAsync(HttpMethod.Delete, $"/api/watchdog/probes/{probeId}");
        using var gone = await setup.Client.Http.GetAsync(new Uri($"/api/watchdog/probes/{probeId}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, device.StatusCode);
        Assert.Equal(HttpStatusCode.Created, probe.StatusCode);
        Assert.Equal(probeId, status[0].GetProperty("probeId").GetInt64());
        Assert.Contains("router", status[0].GetProperty("target").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task ProbesThatCannotWorkAreRefusedWithTheReason()
    {
        await using var setup = await HubWithPlugs.StartAsync();
        var plugId = await setup.AdoptAsync("obk_000000");

        using var both = await setup.Client.SendAsync(HttpMethod.Post, "/api/watchdog/probes", new { plugId, deviceId = 1, kind = "Ping" });
        using var noPort = await setup.Client.SendAsync(HttpMethod.Post, "/api/watchdog/probes", new { plugId, kind = "Tcp" });
        using var cyclePlug = await setup.Client.SendAsync(HttpMethod.Post, "/api/watchdog/probes", new { plugId, kind = "Mqtt", onDown = "PowerCycle" });
        using var badHost = await setup.Client.SendAsync(HttpMethod.Post, "/api/watchdog/devices", new { name = "x", plugId, host = "not a host!" });
        using var outOfRange = await setup.Client.SendAsync(HttpMethod.Post, "/api/watchdog/probes", new { plugId, kind = "Mqtt", intervalSeconds = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Contains("plugId", await both.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("port", await noPort.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("onDown", await cyclePlug.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badHost.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
    }

    [Fact]
    public async Task MaintenanceIsListedUntilItEndsOrIsCancelled()
    {
        await using var setup = await HubWithPlugs.StartAsync();
        var plugId = await setup.AdoptAsync("obk_000000");

        using var past = await setup.Client.SendAsync(HttpMethod.Post, "/api/watchdog/maintenance",
            new { plugId, until = TimeProvider.System.GetUtcNow().AddHours(-1) });
        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/watchdog/maintenance",
            new { plugId, until = TimeProvider.System.GetUtcNow().AddHours(2), note = "rewiring" });
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("id").GetInt64();
        var listed = await GetJsonAsync(setup, "/api/watchdog/maintenance");
        using var cancelled = await setup.Client.SendAsync(HttpMethod.Delete, $"/api/watchdog/maintenance/{id}");
        var after = await GetJsonAsync(setup, "/api/watchdog/maintenance");

        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal("admin", listed[0].GetProperty("createdBy").GetString());
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal(0, after.GetArrayLength());
    }

    private static async Task<System.Text.Json.JsonElement> GetJsonAsync(HubWithPlugs setup, string url)
    {
        using var response = await setup.Client.Http.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        return await HubHttpClient.ReadJsonAsync(response);
    }
}
