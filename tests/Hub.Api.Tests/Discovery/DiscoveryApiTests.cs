using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Discovery;

public sealed class DiscoveryApiTests
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AnSsdpSearchReturnsThePlugsAndListsThemAsPending()
    {
        await using var bench = await Bench.StartAsync(2);

        var found = await Eventually.MatchAsync(() => bench.PostJsonAsync("/api/discovery/ssdp"),
            r => r.GetProperty("plugs").GetArrayLength() == 2, Ready);
        var pending = await bench.GetJsonAsync("/api/discovery/pending");

        Assert.All(found.GetProperty("plugs").EnumerateArray(), p =>
        {
            Assert.Equal("BL602", p.GetProperty("identity").GetProperty("chip").GetString());
            Assert.Equal("OpenBeken", p.GetProperty("identity").GetProperty("protocol").GetString());
        });
        Assert.Equal(["obk_000000", "obk_000001"],
            pending.EnumerateArray().Select(p => p.GetProperty("topic").GetString()).Order(StringComparer.Ordinal));
        Assert.All(pending.EnumerateArray(), p =>
        {
            Assert.StartsWith("02:42:00:00:00:0", p.GetProperty("mac").GetString(), StringComparison.Ordinal);
            Assert.Equal(557_056, p.GetProperty("otaPartitionBytes").GetInt64());
            Assert.StartsWith("OpenBL602 1.18.0 ", p.GetProperty("firmwareBuild").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("http://127.0.0.1:", p.GetProperty("httpEndpoint").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AScanOfTheLoopbackAddressFindsThePlugsOnTheirPorts()
    {
        await using var bench = await Bench.StartAsync(2);
        var ports = bench.Sim.Plugs.Values.Select(u => u.Port).Append(FreePort.Next()).ToArray();

        var report = await Eventually.MatchAsync(() => bench.PostJsonAsync("/api/discovery/scan", new { range = "127.0.0.1", ports }),
            r => r.GetProperty("plugs").GetArrayLength() == 2, Ready);

        Assert.Equal(3, report.GetProperty("probed").GetInt32());
        Assert.Equal(["obk_000000", "obk_000001"],
            report.GetProperty("plugs").EnumerateArray().Select(p => p.GetProperty("topic").GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("10.0.0.0/16")]
    [InlineData("192.168.0.1-192.168.7.255")]
    public async Task ARangeOverTheLimitIsRefusedWith422(string range)
    {
        await using var bench = await Bench.StartAsync(0);

        using var response = await bench.Client.SendAsync(HttpMethod.Post, "/api/discovery/scan", new { range });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("not-an-address", null)]
    [InlineData("192.168.1.0/40", null)]
    [InlineData("224.0.0.1", null)]
    [InlineData("127.0.0.1", 0)]
    [InlineData("127.0.0.1", 70_000)]
    public async Task AMalformedRangeOrPortIsRefusedWith400(string range, int? port)
    {
        await using var bench = await Bench.StartAsync(0);

        using var response = await bench.Client.SendAsync(HttpMethod.Post, "/api/discovery/scan",
            new { range, ports = port is { } p ? new[] { p } : null });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task IdentifyingAPlugFillsItsRebootReasonFromTheIndexPage()
    {
        await using var bench = await Bench.StartAsync(1);
        var found = await Eventually.MatchAsync(() => bench.PostJsonAsync("/api/discovery/ssdp"),
            r => r.GetProperty("plugs").GetArrayLength() == 1, Ready);
        var id = found.GetProperty("plugs")[0].GetProperty("plugId").GetInt64();

        var identified = await bench.PostJsonAsync($"/api/plugs/{id}/identify");
        var plug = await Eventually.MatchAsync(() => bench.GetJsonAsync($"/api/plugs/{id}"),
            p => p.GetProperty("plug").GetProperty("lastRebootReason").ValueKind == JsonValueKind.String, Ready);

        Assert.Equal("Identified", identified.GetProperty("outcome").GetString());
        Assert.Equal("BL_RST_POWER_OFF", identified.GetProperty("identity").GetProperty("rebootReason").GetString());
        Assert.Equal("BL_RST_POWER_OFF", plug.GetProperty("plug").GetProperty("lastRebootReason").GetString());
    }

    [Fact]
    public async Task IdentifyingAnUnknownPlugIs404()
    {
        await using var bench = await Bench.StartAsync(0);

        using var response = await bench.Client.SendAsync(HttpMethod.Post, "/api/plugs/4242/identify");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DiscoveryNeedsALogin()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();

        using var pending = await client.Http.GetAsync(new Uri("/api/discovery/pending", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, pending.StatusCode);
    }

    /// <summary>The hub with SSDP pointed at plugsim's responder on 127.0.0.1, a logged-in client and N plugs.</summary>
    private sealed class Bench : IAsyncDisposable
    {
        private readonly TempFolder _folder = new("discovery-api");

        private Bench(HubFactory hub, HubHttpClient client)
        {
            Hub = hub;
            Client = client;
        }

        public HubFactory Hub { get; }

        public HubHttpClient Client { get; }

        public PlugSim Sim { get; private set; } = null!;

        public static async Task<Bench> StartAsync(int plugs)
        {
            var ssdpPort = FreeUdpPort();
            var hub = new HubFactory(new Dictionary<string, string?>
            {
                ["Discovery:SsdpAddress"] = "127.0.0.1",
                ["Discovery:SsdpPort"] = ssdpPort.ToString(CultureInfo.InvariantCulture),
                ["Discovery:SsdpListenSeconds"] = "1",
            });
            var client = await hub.CreateHubClientAsync();
            using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
            login.EnsureSuccessStatusCode();
            var bench = new Bench(hub, client);
            if (plugs > 0)
            {
                // A broker port nobody listens on: these plugs can only be found by discovery.
                var bootstrap = hub.Services.GetRequiredService<BootstrapCredentials>();
                bench.Sim = await PlugSim.StartAsync(new PlugSimOptions(FreePort.Next(), bootstrap.Username, bootstrap.Password,
                    bench._folder.Combine("sim"))
                {
                    Count = plugs,
                    ExtraArguments = ["--ssdp-port", ssdpPort.ToString(CultureInfo.InvariantCulture), "--ssdp-addr", "127.0.0.1"],
                });
            }

            return bench;
        }

        public async Task<JsonElement> PostJsonAsync(string url, object? body = null)
        {
            using var response = await Client.SendAsync(HttpMethod.Post, url, body);
            response.EnsureSuccessStatusCode();
            return await HubHttpClient.ReadJsonAsync(response);
        }

        public async Task<JsonElement> GetJsonAsync(string url)
        {
            using var response = await Client.Http.GetAsync(new Uri(url, UriKind.Relative));
            response.EnsureSuccessStatusCode();
            return await HubHttpClient.ReadJsonAsync(response);
        }

        private static int FreeUdpPort()
        {
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        }

        public async ValueTask DisposeAsync()
        {
            if (Sim is not null)
            {
                await Sim.DisposeAsync();
            }

            Client.Dispose();
            await Hub.DisposeAsync();
            _folder.Dispose();
        }
    }
}
