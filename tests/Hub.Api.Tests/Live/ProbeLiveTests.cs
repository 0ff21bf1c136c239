using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Hub.Api.Live;
using Hub.Devices.Watchdog;
using Hub.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Api.Tests.Live;

public sealed class ProbeLiveTests
{
    [Fact]
    public async Task AProbesFirstVerdictAndItsFallAreEachPushedOnceWithThePlugTheDeviceIsBehind()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        var changes = Channel.CreateUnbounded<ProbeChange>();
        await using var live = await LiveClient.ConnectAsync(hub, client,
            c => c.On<ProbeChange>(nameof(ILiveClient.ProbeChanged), change => changes.Writer.TryWrite(change)));
        var plugId = await StoredPlugs.AddAdoptedAsync(hub, "obk_router_plug");

        // The device behind the plug: a listener on loopback that the test closes to make it "fail".
        // Below the ephemeral range: once the listener stops, a port-0 bind elsewhere (plugsim's web servers) could take
        // an ephemeral port and answer the probe that must now fail.
        var port = FreePort.Next();
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        using var device = await client.SendAsync(HttpMethod.Post, "/api/watchdog/devices",
            new { name = "router", plugId, host = "127.0.0.1", offSeconds = 5 });
        var deviceId = (await HubHttpClient.ReadJsonAsync(device)).GetProperty("id").GetInt64();
        using var probe = await client.SendAsync(HttpMethod.Post, "/api/watchdog/probes", new
        {
            deviceId, kind = "Tcp", port, intervalSeconds = 1, downIntervalSeconds = 1, failuresToTrip = 1, window = 1, onDown = "AlertOnly",
        });
        var probeId = (await HubHttpClient.ReadJsonAsync(probe)).GetProperty("id").GetInt64();

        var first = await LiveClient.NextAsync(changes, c => c.Status.ProbeId == probeId, TimeSpan.FromSeconds(60));
        listener.Stop();
        var down = await LiveClient.NextAsync(changes, c => c.Status.ProbeId == probeId, TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Created, probe.StatusCode);
        Assert.Equal(plugId, first.PlugId);
        Assert.False(first.Status.Down, first.Status.LastDetail);
        Assert.True(down.Status.Down, down.Status.LastDetail);
        Assert.Equal(plugId, down.PlugId);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
