using System.Text.RegularExpressions;
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

public sealed class MosquittoAdoptionTests
{
    private static readonly TimeSpan Confirm = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AnAdoptedPlugReconnectsOnItsOwnDynsecAccountAndConfirmsRelayCommands()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        await using var fleet = await FleetWithPlugs.StartOnMosquittoAsync(mosquitto);
        var hub = fleet.Get<HubMqttCredentials>();
        await using var watcher = await MqttProbe.ConnectAsync(mosquitto.Port, hub.Username, hub.Password, "cmnd/obk_000000/#");

        var id = await fleet.AdoptAsync("obk_000000");
        var on = await fleet.Get<PlugCommander>().SendAsync(id, new SetRelay(1, RelayAction.On), Confirm, CancellationToken.None);
        var off = await fleet.Get<PlugCommander>().SendAsync(id, new SetRelay(1, RelayAction.Off), Confirm, CancellationToken.None);

        var (_, handOver) = await watcher.WaitForAsync((_, payload) => payload.Contains("MqttPassword", StringComparison.Ordinal), Confirm);
        Assert.Contains("MqttUser plug-obk_000000", handOver, StringComparison.Ordinal);
        Assert.True(Assert.IsType<RelayReported>(on.Confirmation).On);
        Assert.False(Assert.IsType<RelayReported>(off.Confirmation).On);
        Assert.Contains(mosquitto.Output, line => line.Contains("as obk_000000", StringComparison.Ordinal)
            && line.Contains("u'plug-obk_000000'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCredentialsAnAdoptedPlugReceivedWorkOnlyForItsOwnTopics()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        await using var fleet = await FleetWithPlugs.StartOnMosquittoAsync(mosquitto);
        var hub = fleet.Get<HubMqttCredentials>();
        await using var watcher = await MqttProbe.ConnectAsync(mosquitto.Port, hub.Username, hub.Password, "#");
        await fleet.AdoptAsync("obk_000000");
        var (_, handOver) = await watcher.WaitForAsync((topic, payload) =>
            topic.StartsWith("cmnd/obk_000000/", StringComparison.Ordinal) && payload.Contains("MqttPassword", StringComparison.Ordinal), Confirm);
        var password = Regex.Match(handOver, "MqttPassword ([^; ]+)").Groups[1].Value;
        using var stolen = await BrokerLogin.ConnectAsync(mosquitto.Port, "plug-obk_000000", password);

        await stolen.PublishStringAsync("other_plug/1/get", "1", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
        await stolen.PublishStringAsync("obk_000000/voltage/get", "229.5", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
        await watcher.WaitForAsync((topic, payload) => topic == "obk_000000/voltage/get" && payload == "229.5", Confirm);

        Assert.DoesNotContain(watcher.Messages, m => m.Topic.StartsWith("other_plug", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APlugAccountMayPublishUnderItsOwnTopicButNotUnderAnotherPlugs()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        await using var devices = await StartHubAsync(mosquitto);
        await devices.Services.GetRequiredService<IBrokerAccounts>().IssuePlugAccountAsync(new PlugAccount("plug-kitchen", "kitchen", "kitchen-secret"), CancellationToken.None);
        var hub = devices.Services.GetRequiredService<HubMqttCredentials>();
        await using var watcher = await MqttProbe.ConnectAsync(mosquitto.Port, hub.Username, hub.Password, "#");
        using var plug = await BrokerLogin.ConnectAsync(mosquitto.Port, "plug-kitchen", "kitchen-secret");

        await plug.PublishStringAsync("other_plug/1/get", "1", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
        await plug.PublishStringAsync("cmnd/other_plug/POWER", "ON", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
        var foreign = await plug.SubscribeAsync("cmnd/other_plug/+", cancellationToken: TestContext.Current.CancellationToken);
        var own = await plug.SubscribeAsync("cmnd/kitchen/+", cancellationToken: TestContext.Current.CancellationToken);
        await plug.PublishStringAsync("kitchen/1/get", "1", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
        await watcher.WaitForAsync((topic, _) => topic == "kitchen/1/get", Confirm);

        Assert.DoesNotContain(watcher.Messages, m => m.Topic.Contains("other_plug", StringComparison.Ordinal));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, foreign.Items.Single().ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS0, own.Items.Single().ResultCode);
    }

    [Fact]
    public async Task BootstrapClientsCanNeitherImpersonateNorOverhearAnAdoptedPlug()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        await using var devices = await StartHubAsync(mosquitto);
        var bootstrap = devices.Services.GetRequiredService<BootstrapCredentials>();
        var hub = devices.Services.GetRequiredService<HubMqttCredentials>();
        await devices.Services.GetRequiredService<IBrokerAccounts>().ReserveTopicsAsync("kitchen", CancellationToken.None);
        await using var watcher = await MqttProbe.ConnectAsync(mosquitto.Port, hub.Username, hub.Password, "+/+/get");
        await using var intruder = await MqttProbe.ConnectAsync(mosquitto.Port, bootstrap.Username, bootstrap.Password, "cmnd/+/+");

        await intruder.Client.PublishStringAsync("kitchen/1/get", "1", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
        await watcher.Client.PublishStringAsync("cmnd/kitchen/POWER", "ON", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
        await watcher.Client.PublishStringAsync("cmnd/pending/POWER", "ON", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
        await intruder.Client.PublishStringAsync("pending/1/get", "1", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
        await intruder.WaitForAsync((topic, _) => topic == "cmnd/pending/POWER", Confirm);
        await watcher.WaitForAsync((topic, _) => topic == "pending/1/get", Confirm);

        Assert.DoesNotContain(watcher.Messages, m => m.Topic == "kitchen/1/get");
        Assert.DoesNotContain(intruder.Messages, m => m.Topic == "cmnd/kitchen/POWER");
    }

    [Fact]
    public async Task ARevokedPlugAccountIsRefusedByMosquitto()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        await using var devices = await StartHubAsync(mosquitto);
        var accounts = devices.Services.GetRequiredService<IBrokerAccounts>();
        var account = new PlugAccount("plug-kitchen", "kitchen", "kitchen-secret");
        await accounts.IssuePlugAccountAsync(account, CancellationToken.None);
        var before = await BrokerLogin.TryAsync(mosquitto.Port, account.Username, account.Password);

        await accounts.RevokePlugAccountAsync(account, CancellationToken.None);
        var after = await BrokerLogin.TryAsync(mosquitto.Port, account.Username, account.Password);

        Assert.Equal(MqttClientConnectResultCode.Success, before);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, after);
    }

    private static async Task<DevicesHost> StartHubAsync(MosquittoBroker mosquitto)
    {
        var devices = await DevicesHost.StartAsync(mosquitto.HubSettings);
        await devices.Services.GetRequiredService<DynamicSecuritySetupWorker>().Done.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return devices;
    }
}
