using System.Threading.Channels;
using Hub.Api.Live;
using Hub.Devices.Alerts;
using Hub.Devices.Fleet.Events;
using Hub.Testing;
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
        var changes = Channel.CreateUnbounded<AlertLiveChange>();
        await using var live = await LiveClient.ConnectAsync(hub, client,
            c => c.On<AlertLiveChange>(nameof(ILiveClient.AlertChanged), change => changes.Writer.TryWrite(change)));
        var plug = await StoredPlugs.AddAdoptedAsync(hub, "obk_heater");

        await hub.Services.GetRequiredService<PlugEventBus>().PublishAsync(new ReadingReported
        {
            Topic = "obk_heater", PlugId = plug, At = TimeProvider.System.GetUtcNow(), PowerW = 2000, VoltageV = 230,
        }, Ct);
        var raised = await LiveClient.NextAsync(changes, c => c.Alert.Key == $"power:{plug}", TimeSpan.FromSeconds(20));
        using var ack = await client.SendAsync(HttpMethod.Post, $"/api/alerts/{raised.Alert.Id}/acknowledge");
        var acknowledged = await LiveClient.NextAsync(changes, c => c.Alert.Key == $"power:{plug}" && c.Alert.State == AlertState.Acknowledged, TimeSpan.FromSeconds(20));

        Assert.Equal(AlertState.Active, raised.Alert.State);
        Assert.Equal(1, raised.ActiveCount);
        Assert.Equal("admin", acknowledged.Alert.AcknowledgedBy);
        Assert.Equal(0, acknowledged.ActiveCount);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
