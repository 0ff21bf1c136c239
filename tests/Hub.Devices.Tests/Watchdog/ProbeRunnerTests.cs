using System.Net;
using System.Net.Sockets;
using Hub.Devices.Tests.Alerts;
using Hub.Devices.Watchdog;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.Watchdog;

public sealed class ProbeRunnerTests
{
    [Fact]
    public async Task TcpSucceedsWhileSomethingListensAndFailsOnceItStops()
    {
        await using var devices = await DevicesHost.StartAsync();
        var runner = devices.Services.GetRequiredService<ProbeRunner>();
        // Below the ephemeral range: once the listener stops, a port-0 bind elsewhere (plugsim's web servers) could take
        // an ephemeral port and answer the probe that must now fail.
        var port = FreePort.Next();
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        var target = Target(new Probe { Kind = ProbeKind.Tcp, Port = port, TimeoutSeconds = 2 });

        var up = await runner.RunAsync(target, TestContext.Current.CancellationToken);
        listener.Stop();
        var down = await runner.RunAsync(target, TestContext.Current.CancellationToken);

        Assert.True(up.Success, up.Detail);
        Assert.False(down.Success);
    }

    [Fact]
    public async Task HttpChecksTheExpectedStatus()
    {
        await using var devices = await DevicesHost.StartAsync();
        await using var server = await WebhookReceiver.StartAsync();
        var runner = devices.Services.GetRequiredService<ProbeRunner>();
        var baseUri = new Uri(server.Url.GetLeftPart(UriPartial.Authority));

        var missing = await runner.RunAsync(Target(new Probe { Kind = ProbeKind.Http, Path = "/nothing-here" }, baseUri), TestContext.Current.CancellationToken);
        var expected = await runner.RunAsync(Target(new Probe { Kind = ProbeKind.Http, Path = "/nothing-here", ExpectedStatus = 404 }, baseUri),
            TestContext.Current.CancellationToken);

        Assert.False(missing.Success);
        Assert.Equal("HTTP 404, expected 200", missing.Detail);
        Assert.True(expected.Success, expected.Detail);
    }

    [Fact]
    public async Task PingOfLoopbackAnswers()
    {
        await using var devices = await DevicesHost.StartAsync();
        var result = await devices.Services.GetRequiredService<ProbeRunner>()
            .RunAsync(Target(new Probe { Kind = ProbeKind.Ping, TimeoutSeconds = 2 }), TestContext.Current.CancellationToken);

        Assert.True(result.Success, result.Detail);
    }

    private static ProbeTarget Target(Probe probe, Uri? http = null) =>
        new(probe, 1, "127.0.0.1", http, new WatchedDevice { Id = 1, Name = "test", Host = "127.0.0.1" }, "test");
}
