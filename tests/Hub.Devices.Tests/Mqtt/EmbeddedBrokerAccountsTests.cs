using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace Hub.Devices.Tests.Mqtt;

public sealed class EmbeddedBrokerAccountsTests
{
    [Fact]
    public async Task AnAccountIssuedThroughTheSeamWorksOnTheEmbeddedBrokerUntilRevoked()
    {
        await using var devices = await DevicesHost.StartAsync();
        var accounts = devices.Services.GetRequiredService<IBrokerAccounts>();
        var account = new PlugAccount("plug-kitchen", "kitchen", "kitchen-secret");

        await accounts.IssuePlugAccountAsync(account, CancellationToken.None);
        var before = await BrokerLogin.TryAsync(devices.BrokerPort, account.Username, account.Password);
        await accounts.RevokePlugAccountAsync(account, CancellationToken.None);
        var after = await BrokerLogin.TryAsync(devices.BrokerPort, account.Username, account.Password);

        Assert.IsType<EmbeddedBrokerAccounts>(accounts);
        Assert.Equal(MqttClientConnectResultCode.Success, before);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, after);
    }
}
