using System.Net;
using Hub.Testing;

namespace Hub.Api.Tests.Ota;

public sealed class FirmwareApiTests
{
    private static Dictionary<string, string?> Settings(long limit = 4 * 1024 * 1024) => new()
    {
        ["Ota:Firmware:TrustedKeys:0"] = OtaImages.DevPublicKeyPath,
        ["Ota:Firmware:MaxUploadBytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task ASignedImageIsStoredOnceAndASecondUploadNamesTheFirst()
    {
        await using var hub = new HubFactory(Settings());
        using var client = await LoggedInAsync(hub);
        using var key = OtaImages.DevKey();
        var image = OtaImages.PlugImage(key, "BL602", "1.19.0", OtaImages.Payload(2000));

        using var first = await client.PostBytesAsync("/api/firmware?name=plug-1.19.0.img", image);
        var stored = await HubHttpClient.ReadJsonAsync(first);
        using var again = await client.PostBytesAsync("/api/firmware", image);
        var conflict = await HubHttpClient.ReadJsonAsync(again);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("PlugImage", stored.GetProperty("format").GetString());
        Assert.Equal("BL602", stored.GetProperty("chipFamily").GetString());
        Assert.True(stored.GetProperty("trusted").GetBoolean());
        var sha = stored.GetProperty("sha256").GetString()!;
        Assert.True(File.Exists(Path.Combine(hub.DataDirectory, "firmware", sha)));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(stored.GetProperty("id").GetInt64(), conflict.GetProperty("existingId").GetInt64());
        Assert.Contains(sha, conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenImagesAreRefusedWith422NamingTheCheckAndNothingIsStored()
    {
        await using var hub = new HubFactory(Settings());
        using var client = await LoggedInAsync(hub);
        using var key = OtaImages.DevKey();
        using var stranger = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var good = OtaImages.PlugImage(key, "BL602", "1.19.0", OtaImages.Payload(2000));
        var corrupt = (byte[])good.Clone();
        corrupt[300] ^= 0xFF;

        var checks = new List<string?>();
        foreach (var bad in new[] { good[..^30], corrupt, OtaImages.PlugImage(stranger, "BL602", "1.19.0", OtaImages.Payload(2000)) })
        {
            using var response = await client.PostBytesAsync("/api/firmware", bad);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            checks.Add((await HubHttpClient.ReadJsonAsync(response)).GetProperty("check").GetString());
        }

        using var list = await client.Http.GetAsync(new Uri("/api/firmware", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(["truncated", "payload SHA-256", "signature"], checks);
        Assert.Equal(0, (await HubHttpClient.ReadJsonAsync(list)).GetArrayLength());
        var folder = Path.Combine(hub.DataDirectory, "firmware");
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0);
    }

    [Fact]
    public async Task AnUploadOverTheLimitIsRefusedWith413()
    {
        await using var hub = new HubFactory(Settings(limit: 4096));
        using var client = await LoggedInAsync(hub);
        using var key = OtaImages.DevKey();

        using var response = await client.PostBytesAsync("/api/firmware", OtaImages.PlugImage(key, "BL602", "1.19.0", OtaImages.Payload(5000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("4096", (await HubHttpClient.ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsignedUpstreamImageCanOnlyBeRolledOutOnceAnAdminTrustsIt()
    {
        await using var hub = new HubFactory(Settings());
        using var client = await LoggedInAsync(hub);

        using var upload = await client.PostBytesAsync("/api/firmware?name=OpenBL602_1.18.1_OTA.bin.xz.ota", OtaImages.Bl602Ota(OtaImages.Payload(3000)));
        var image = await HubHttpClient.ReadJsonAsync(upload);
        var id = image.GetProperty("id").GetInt64();
        using var refused = await client.SendAsync(HttpMethod.Post, "/api/rollouts", new { name = "upstream", firmwareId = id });
        using var trust = await client.SendAsync(HttpMethod.Post, $"/api/firmware/{id}/trust");
        using var noPlugs = await client.SendAsync(HttpMethod.Post, "/api/rollouts", new { name = "upstream", firmwareId = id });

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(("Bl602Ota", "1.18.1", false), (image.GetProperty("format").GetString(), image.GetProperty("version").GetString(),
            image.GetProperty("trusted").GetBoolean()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("not trusted", (await HubHttpClient.ReadJsonAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True((await HubHttpClient.ReadJsonAsync(trust)).GetProperty("trusted").GetBoolean());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noPlugs.StatusCode);
        Assert.Contains("No targeted plug", (await HubHttpClient.ReadJsonAsync(noPlugs)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheAdministratorMayTrustAnUpstreamImage()
    {
        await using var hub = new HubFactory(Settings());
        using var admin = await LoggedInAsync(hub);
        using var created = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = "alice", password = "alice-first-password" });
        created.EnsureSuccessStatusCode();
        using var alice = await LoggedInAsync(hub, "alice", "alice-first-password");
        using var upload = await alice.PostBytesAsync("/api/firmware?name=OpenBL602_1.18.1_OTA.bin.xz.ota", OtaImages.Bl602Ota(OtaImages.Payload(3000)));
        var id = (await HubHttpClient.ReadJsonAsync(upload)).GetProperty("id").GetInt64();

        using var refused = await alice.SendAsync(HttpMethod.Post, $"/api/firmware/{id}/trust");
        var problem = await HubHttpClient.ReadJsonAsync(refused);
        using var afterRefusal = await admin.Http.GetAsync(new Uri($"/api/firmware/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var trusted = await admin.SendAsync(HttpMethod.Post, $"/api/firmware/{id}/trust");
        using var aliceMe = await alice.Http.GetAsync(new Uri("/api/auth/me", UriKind.Relative), TestContext.Current.CancellationToken);
        using var adminMe = await admin.Http.GetAsync(new Uri("/api/auth/me", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Administrator only", problem.GetProperty("title").GetString());
        Assert.False((await HubHttpClient.ReadJsonAsync(afterRefusal)).GetProperty("trusted").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, trusted.StatusCode);
        Assert.Equal("admin", (await HubHttpClient.ReadJsonAsync(trusted)).GetProperty("trustedBy").GetString());
        Assert.False((await HubHttpClient.ReadJsonAsync(aliceMe)).GetProperty("isAdmin").GetBoolean());
        Assert.True((await HubHttpClient.ReadJsonAsync(adminMe)).GetProperty("isAdmin").GetBoolean());
    }

    private static async Task<HubHttpClient> LoggedInAsync(HubFactory hub, string user = HubFactory.AdminUser, string? password = null)
    {
        var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(user, password ?? hub.AdminPassword);
        login.EnsureSuccessStatusCode();
        return client;
    }
}
