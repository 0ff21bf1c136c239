using System.Text.Json.Serialization;
using System.Threading.Channels;
using Hub.Api.Live;
using Hub.Devices.Alerts;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Protocols;
using Hub.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Live;

public sealed class AlertLiveTests
{
    [Fact]
    public async Task ARaisedAndThenAcknowledgedAlertIsPushedWithTheActiveCount()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?> { ["Alerts:PowerLimitW"] = "100" });
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        using var created = await client.SendAsync(HttpMethod.Post, "/api/tokens", new { name = "live" });
        var token = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("token").GetString()!;
        var changes = Channel.CreateUnbounded<AlertLiveChange>();
        await using var live = new HubConnectionBuilder()
            .WithUrl(new Uri(hub.Server.BaseAddress, "/live"), o =>
            {
                o.HttpMessageHandlerFactory = _ => hub.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Authorization"] = "Bearer " + token;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        live.On<AlertLiveChange>(nameof(ILiveClient.AlertChanged), change => changes.Writer.TryWrite(change));
        await live.StartAsync(Ct);
        var plug = await AddPlugAsync(hub, "obk_heater");

        await hub.Services.GetRequiredService<PlugEventBus>().PublishAsync(new ReadingReported
        {
            Topic = "obk_heater", PlugId = plug, At = TimeProvider.System.GetUtcNow(), PowerW = 2000, VoltageV = 230,
        }, Ct);
        var raised = await NextAsync(changes, c => c.Alert.Key == $"power:{plug}");
        using var ack = await client.SendAsync(HttpMethod.Post, $"/api/alerts/{raised.Alert.Id}/acknowledge");
        var acknowledged = await NextAsync(changes, c => c.Alert.Key == $"power:{plug}" && c.Alert.State == AlertState.Acknowledged);

        Assert.Equal(AlertState.Active, raised.Alert.State);
        Assert.Equal(1, raised.ActiveCount);
        Assert.Equal("admin", acknowledged.Alert.AcknowledgedBy);
        Assert.Equal(0, acknowledged.ActiveCount);
    }

    private static async Task<AlertLiveChange> NextAsync(Channel<AlertLiveChange> changes, Func<AlertLiveChange, bool> wanted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        AlertLiveChange change;
        do
        {
            change = await changes.Reader.ReadAsync(deadline.Token);
        }
        while (!wanted(change));

        return change;
    }

    /// <summary>An adopted plug, in the database and in the directory the rules consult, without a plug behind it.</summary>
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
