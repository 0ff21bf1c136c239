using System.Net;
using Hub.Devices.Fleet;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Api.Tests.Ota.RolloutSteps;

namespace Hub.Api.Tests.Ota;

/// <summary>Rollouts by pull with the real firmware: plugsim's <c>ota_http</c> downloads from the hub's Kestrel on loopback.</summary>
[Collection(SerialRollouts.Name)]
public sealed class PullRolloutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BekenPlugsPullTheImageByDefaultOneCutOffResumesWithARangeOneReadsAtEightKilobytesASecondAndAllSucceed()
    {
        await using var setup = await HubWithPlugs.StartOnKestrelAsync(3, TrustDevKey, "--chip", "BK7231N");
        var plugs = await FleetAsync(setup, "BK7231N");
        var (imageId, size) = await UploadAsync(setup, "BK7231N", "1.19.0", 40_000);
        var topics = plugs.Keys.Order(StringComparer.Ordinal).ToList();
        await setup.Sim.CommandAsync($"ota-http-cut {topics[0]} 15000");
        await setup.Sim.CommandAsync($"ota-http-rate {topics[1]} 8000");

        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/rollouts", new
        {
            name = "pull 1.19.0", firmwareId = imageId, maxConcurrency = 3, plugTimeoutSeconds = 120,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("rollout").GetProperty("id").GetInt64();
        var done = await WaitForStatusAsync(setup, id, "Completed", TimeSpan.FromSeconds(150));
        // Download counts are written behind the downloads; the links were closed when each plug's attempt ended.
        var grants = await Eventually.MatchAsync(() => GrantsAsync(setup), g => g.Count == 3 && g.All(x => x.SpentAt is not null && x.BytesServed == size),
            TimeSpan.FromSeconds(10));

        Assert.All(done.GetProperty("plugs").EnumerateArray(), p =>
        {
            Assert.Equal("Succeeded", p.GetProperty("state").GetString());
            Assert.Equal("Pull", p.GetProperty("delivery").GetString());
            Assert.Equal(size, p.GetProperty("bytesServed").GetInt64());
            Assert.Contains(" 1.19.0 ", p.GetProperty("reportedBuild").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal(3, grants.Count);
        Assert.All(grants, g =>
        {
            Assert.NotNull(g.SpentAt);
            Assert.Equal(size, g.BytesServed);
        });
        // The plug cut off after 15,000 bytes came back for the rest with a range request; the others took it in one.
        var cut = grants.Single(g => g.PlugId == plugs[topics[0]]);
        Assert.True(cut.RangeRequests >= 1 && cut.Requests >= 2, $"{cut.Requests} requests, {cut.RangeRequests} ranged");
        Assert.All(grants.Where(g => g != cut), g => Assert.Equal((1, 0), (g.Requests, g.RangeRequests)));
        Assert.DoesNotContain(setup.Sim.Output, l => l.Contains("/api/ota", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABl602PlugIsPushedByDefaultAndPullsWhenTheRolloutSaysPull()
    {
        await using var setup = await HubWithPlugs.StartOnKestrelAsync(1, TrustDevKey);
        var plugs = await FleetAsync(setup);
        var (imageId, size) = await UploadAsync(setup, "BL602", "1.19.0", 20_000);

        using var preview = await setup.Client.SendAsync(HttpMethod.Post, "/api/rollouts/preview", new { firmwareId = imageId });
        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/rollouts", new
        {
            name = "pull on BL602", firmwareId = imageId, plugTimeoutSeconds = 120, delivery = "pull",
        });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("Push", (await HubHttpClient.ReadJsonAsync(preview))[0].GetProperty("delivery").GetString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("rollout").GetProperty("id").GetInt64();
        var done = await WaitForStatusAsync(setup, id, "Completed", TimeSpan.FromSeconds(90));
        var row = done.GetProperty("plugs")[0];

        Assert.Equal("Succeeded", row.GetProperty("state").GetString());
        Assert.Equal("Pull", row.GetProperty("delivery").GetString());
        Assert.Equal(size, row.GetProperty("bytesServed").GetInt64());
        Assert.Equal(plugs.Values.Single(), Assert.Single(await GrantsAsync(setup)).PlugId);
    }

    private static async Task<(long Id, long Size)> UploadAsync(HubWithPlugs setup, string chip, string version, int payload)
    {
        using var key = OtaImages.DevKey();
        var image = OtaImages.PlugImage(key, chip, version, OtaImages.Payload(payload));
        using var response = await setup.Client.PostBytesAsync("/api/firmware", image);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await HubHttpClient.ReadJsonAsync(response)).GetProperty("id").GetInt64(), image.Length);
    }

    private static async Task<List<Hub.Devices.Ota.Delivery.PullGrant>> GrantsAsync(HubWithPlugs setup)
    {
        await using var scope = setup.Hub.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DevicesDb>().PullGrants.AsNoTracking().ToListAsync(Ct);
    }
}
