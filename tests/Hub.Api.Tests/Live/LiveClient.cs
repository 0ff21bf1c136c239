using System.Text.Json.Serialization;
using System.Threading.Channels;
using Hub.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Live;

/// <summary>A dashboard's live connection as tests open it: an API token, long polling through the test server.</summary>
internal static class LiveClient
{
    /// <summary>
    /// Connects with a fresh token of the signed-in <paramref name="client"/>; <paramref name="subscribe"/> registers the
    /// handlers before the start, so nothing pushed right after it is missed.
    /// </summary>
    public static async Task<HubConnection> ConnectAsync(HubFactory hub, HubHttpClient client, Action<HubConnection> subscribe)
    {
        using var created = await client.SendAsync(HttpMethod.Post, "/api/tokens", new { name = "live" });
        var token = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("token").GetString()!;
        var live = new HubConnectionBuilder()
            .WithUrl(new Uri(hub.Server.BaseAddress, "/live"), o =>
            {
                o.HttpMessageHandlerFactory = _ => hub.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Authorization"] = "Bearer " + token;
            })
            // The hub sends enums by name, as its HTTP API does.
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        subscribe(live);
        await live.StartAsync(TestContext.Current.CancellationToken);
        return live;
    }

    /// <summary>The next pushed change that is <paramref name="wanted"/>, skipping the others, or a timeout.</summary>
    public static async Task<T> NextAsync<T>(Channel<T> changes, Func<T, bool> wanted, TimeSpan within)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(within);
        T change;
        do
        {
            change = await changes.Reader.ReadAsync(deadline.Token);
        }
        while (!wanted(change));

        return change;
    }
}
