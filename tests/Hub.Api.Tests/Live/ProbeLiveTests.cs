using System.Net;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Hub.Api.Live;
using Hub.Devices.Fleet;
using Hub.Devices.Protocols;
using Hub.Devices.Watchdog;
using Hub.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Live;

public sealed class ProbeLiveTests
{
    [Fact]
    public async Task AProbesFirstVerdictAndItsFallAreEachPushedOnceWithThePlugTheDeviceIsBehind()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        using var created = await client.SendAsync(HttpMethod.Post, "/api/tokens", new { name = "live" });
        var token = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("token").GetString()!;
        var changes = Channel.CreateUnbounded<ProbeChange>();
        await using var live = new HubConnectionBuilder()
            .WithUrl(new Uri(hub.Server.BaseAddress, "/live"), o =>
            {
                o.HttpMessageHandlerFactory = _ => hub.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Authorization"] = "Bearer " + token;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        live.On<ProbeChange>(nameof(ILiveClient.ProbeChanged), change => changes.Writer.TryWrite(change));
        await live.StartAsync(Ct);
        var plugId = await AddPlugAsync(hub, "obk_router_plug");

        // The device behind the plug: a listener on loopback that the test closes to make it "fail".
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var device = await client.SendAsync(HttpMethod.Post, "/api/watchdog/devices",
            new { name = "router", plugId, host = "127.0.0.1", offSeconds = 5 });
        var deviceId = (await HubHttpClient.ReadJsonAsync(device)).GetProperty("id").GetInt64();
        using var probe = await client.SendAsync(HttpMethod.Post, "/api/watchdog/probes", new
        {
            deviceId, kind = "Tcp", port, intervalSeconds = 1, downIntervalSeconds = 1, failuresToTrip = 1, window = 1, onDown = "AlertOnly",
        });
        var probeId = (await HubHttpClient.ReadJsonAsync(probe)).GetProperty("id").GetInt64();

        var first = await NextAsync(changes, c => c.Status.ProbeId == probeId);
        listener.Stop();
        var down = await NextAsync(changes, c => c.Status.ProbeId == probeId);

        Assert.Equal(HttpStatusCode.Created, probe.StatusCode);
        Assert.Equal(plugId, first.PlugId);
        Assert.False(first.Status.Down, first.Status.LastDetail);
        Assert.True(down.Status.Down, down.Status.LastDetail);
        Assert.Equal(plugId, down.PlugId);
    }

    private static async Task<ProbeChange> NextAsync(Channel<ProbeChange> changes, Func<ProbeChange, bool> wanted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        ProbeChange change;
        do
        {
            change = await changes.Reader.ReadAsync(deadline.Token);
        }
        while (!wanted(change));

        return change;
    }

    /// <summary>An adopted plug in the database and the directory, without a plug process behind it.</summary>
    private static async Task<long> AddPlugAsync(HubFactory hub, string topic)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var plug = new Plug { Topic = topic, Status = PlugStatus.Adopted, FirstSeenAt = TimeProvider.System.GetUtcNow() };
        db.Plugs.Add(plug);
        await db.SaveChangesAsync(Ct);
        hub.Services.GetRequiredService<PlugDirectory>().Set(new PlugEntry(plug.Id, topic, PlugProtocolKind.OpenBeken, PlugStatus.Adopted));
        return plug.Id;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
