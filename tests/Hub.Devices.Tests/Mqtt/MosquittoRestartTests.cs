using System.Globalization;
using Hub.Devices.Commands;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Mqtt;
using Hub.Devices.Tests.EndToEnd;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace Hub.Devices.Tests.Mqtt;

public sealed class MosquittoRestartTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AfterAMosquittoRestartTheHubAndEveryPlugComeBackByThemselves()
    {
        const int Plugs = 5;
        var topics = Enumerable.Range(0, Plugs).Select(i => "obk_" + i.ToString("D6", CultureInfo.InvariantCulture)).ToArray();
        await using var mosquitto = await MosquittoBroker.StartAsync();
        await using var fleet = await FleetWithPlugs.StartOnMosquittoAsync(mosquitto, Plugs);
        var adopted = await fleet.AdoptAsync(topics[0]);
        var ids = new List<long>();
        foreach (var topic in topics)
        {
            ids.Add(await fleet.PlugIdAsync(topic));
        }

        await mosquitto.StopAsync();
        var stoppedAt = TimeProvider.System.GetUtcNow();
        await mosquitto.StartAgainAsync();

        foreach (var topic in topics)
        {
            await fleet.WaitForEventAsync<AvailabilityChanged>(a => a.Topic == topic && a.Online && a.At > stoppedAt, Deadline);
        }

        var state = fleet.Get<FleetState>();
        foreach (var id in ids)
        {
            Assert.True(await state.WaitUntilAsync(id, s => s.Online, Deadline, TestContext.Current.CancellationToken),
                string.Join('\n', mosquitto.Output.TakeLast(60)));
        }

        var on = await fleet.Get<PlugCommander>().SendAsync(adopted, new SetRelay(1, RelayAction.On), TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(CommandOutcomeKind.Confirmed, on.Kind);
        Assert.True(fleet.Get<MqttLink>().IsConnected);
    }

    [Fact]
    public async Task ReadingsPublishedWhileTheHubIsAwayAreDeliveredWhenItComesBack()
    {
        using var data = new TempFolder("hub-data");
        await using var mosquitto = await MosquittoBroker.StartAsync();
        var settings = new Dictionary<string, string?>(mosquitto.HubSettings) { ["Data:Directory"] = data.Path };
        long id;
        string user, password;
        await using (var first = await DevicesHost.StartAsync(settings))
        {
            await first.Services.GetRequiredService<DynamicSecuritySetupWorker>().Done.WaitAsync(Deadline, TestContext.Current.CancellationToken);
            var hub = first.Services.GetRequiredService<HubMqttCredentials>();
            (user, password) = (hub.Username, hub.Password);
            var events = first.Services.GetRequiredService<PlugEventBus>().Subscribe("test", 1000, BusBackPressure.DropOldest);
            using var plug = await BrokerLogin.ConnectAsync(mosquitto.Port, user, password);
            await plug.PublishStringAsync("kitchen/connected", "online", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
            id = await WaitForPlugIdAsync(events, "kitchen");
        }

        using (var plug = await BrokerLogin.ConnectAsync(mosquitto.Port, user, password))
        {
            await plug.PublishStringAsync("kitchen/voltage/get", "231.5", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
            await plug.PublishStringAsync("kitchen/power/get", "42", MqttQualityOfServiceLevel.AtMostOnce, cancellationToken: TestContext.Current.CancellationToken);
            await plug.DisconnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        }

        await using var second = await DevicesHost.StartAsync(settings);

        Assert.True(await second.Services.GetRequiredService<FleetState>().WaitUntilAsync(
            id, s => s.VoltageV == 231.5 && s.PowerW == 42, Deadline, TestContext.Current.CancellationToken));
    }

    private static async Task<long> WaitForPlugIdAsync(System.Threading.Channels.ChannelReader<PlugEvent> events, string topic)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await foreach (var evt in events.ReadAllAsync(deadline.Token))
        {
            if (evt is AvailabilityChanged { Online: true } online && online.Topic == topic && online.PlugId != 0)
            {
                return online.PlugId;
            }
        }

        throw new TimeoutException($"{topic} was not registered");
    }
}
