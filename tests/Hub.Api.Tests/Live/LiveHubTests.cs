using System.Threading.Channels;
using Hub.Api.Live;
using Hub.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Api.Tests.Live;

public sealed class LiveHubTests
{
    [Fact]
    public async Task ARelayChangeIsPushedToConnectedDashboards()
    {
        await using var setup = await HubWithPlugs.StartAsync();
        var id = await setup.AdoptAsync("obk_000000");
        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/tokens", new { name = "live" });
        var token = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("token").GetString()!;
        var updates = Channel.CreateUnbounded<PlugLiveUpdate>();
        await using var live = new HubConnectionBuilder()
            .WithUrl(new Uri(setup.Hub.Server.BaseAddress, "/live"), o =>
            {
                o.HttpMessageHandlerFactory = _ => setup.Hub.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Authorization"] = "Bearer " + token;
            })
            .Build();
        live.On<IReadOnlyList<PlugLiveUpdate>>(nameof(ILiveClient.PlugsChanged), batch =>
        {
            foreach (var update in batch)
            {
                updates.Writer.TryWrite(update);
            }
        });
        await live.StartAsync(TestContext.Current.CancellationToken);

        using var on = await setup.Client.SendAsync(HttpMethod.Post, $"/api/plugs/{id}/relays/1", new { action = "On" });

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(15));
        PlugLiveUpdate update;
        do
        {
            update = await updates.Reader.ReadAsync(deadline.Token);
        }
        while (!(update.PlugId == id && update.Relays.GetValueOrDefault(1)));

        Assert.True(update.Online);
    }

    [Fact]
    public async Task TheLiveChannelRefusesAnonymousClients()
    {
        await using var hub = new HubFactory();
        await hub.WaitUntilReadyAsync();
        await using var live = new HubConnectionBuilder()
            .WithUrl(new Uri(hub.Server.BaseAddress, "/live"), o =>
            {
                o.HttpMessageHandlerFactory = _ => hub.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => live.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }
}
