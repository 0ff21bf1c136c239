using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MQTTnet;

namespace Hub.Devices.Tests.Mqtt;

public sealed class MosquittoConnectionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheHubConnectsToMosquittoWithItsCredentialsAndSetsUpDynamicSecurity()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        await using var devices = await DevicesHost.StartAsync(mosquitto.HubSettings);

        await devices.Services.GetRequiredService<MqttLink>().Connected.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        await devices.Services.GetRequiredService<DynamicSecuritySetupWorker>().Done.WaitAsync(Deadline, TestContext.Current.CancellationToken);

        Assert.True(devices.Services.GetRequiredService<MqttLink>().IsConnected);
        Assert.IsType<MosquittoDynamicSecurity>(devices.Services.GetRequiredService<IBrokerAccounts>());
        var ready = await ReadinessAsync(devices);
        Assert.Equal(HealthStatus.Healthy, ready.Entries["mqtt-accounts"].Status);
    }

    [Fact]
    public async Task WhileMosquittoCannotBeReachedTheHubIsNotReadyBecauseItsPlugAccountsAreNotSetUp()
    {
        // A mosquitto configuration with nothing listening on its port: the setup can never run.
        var settings = new Dictionary<string, string?>
        {
            ["Mqtt:Broker:Enabled"] = "false", ["Mqtt:Host"] = "127.0.0.1", ["Mqtt:Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:Username"] = "hub", ["Mqtt:Password"] = "unused-password", ["Mqtt:AccountStore"] = "MosquittoDynamicSecurity",
            ["Mqtt:Link:ReconnectSeconds"] = "1",
        };
        await using var devices = await DevicesHost.StartAsync(settings);

        var ready = await ReadinessAsync(devices);

        Assert.Equal(HealthStatus.Unhealthy, ready.Status);
        Assert.Equal(HealthStatus.Unhealthy, ready.Entries["mqtt-accounts"].Status);
        Assert.Contains("not set up", ready.Entries["mqtt-accounts"].Description, StringComparison.Ordinal);
    }

    private static Task<HealthReport> ReadinessAsync(DevicesHost devices) =>
        devices.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"), TestContext.Current.CancellationToken);

    [Fact]
    public async Task MosquittoRefusesAnonymousClients()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();

        var result = await BrokerLogin.TryAsync(mosquitto.Port, null, null);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, result);
    }

    [Fact]
    public async Task MosquittoRefusesAWrongPassword()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();

        var wrong = await BrokerLogin.TryAsync(mosquitto.Port, MosquittoBroker.AdminUser, mosquitto.AdminPassword + "x");
        var right = await BrokerLogin.TryAsync(mosquitto.Port, MosquittoBroker.AdminUser, mosquitto.AdminPassword);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, wrong);
        Assert.Equal(MqttClientConnectResultCode.Success, right);
    }

    [Fact]
    public async Task TheBootstrapAccountIsCreatedOnMosquittoAndRemovedWhenDisabled()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        string user, password;
        await using (var devices = await DevicesHost.StartAsync(mosquitto.HubSettings))
        {
            await devices.Services.GetRequiredService<DynamicSecuritySetupWorker>().Done.WaitAsync(Deadline, TestContext.Current.CancellationToken);
            var bootstrap = devices.Services.GetRequiredService<BootstrapCredentials>();
            (user, password) = (bootstrap.Username, bootstrap.Password);
        }

        var enabled = await BrokerLogin.TryAsync(mosquitto.Port, user, password);
        await using (var devices = await DevicesHost.StartAsync(new Dictionary<string, string?>(mosquitto.HubSettings)
        {
            ["Mqtt:Bootstrap:Enabled"] = "false",
            ["Mqtt:Bootstrap:Password"] = password,
        }))
        {
            await devices.Services.GetRequiredService<DynamicSecuritySetupWorker>().Done.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        }

        var disabled = await BrokerLogin.TryAsync(mosquitto.Port, user, password);

        Assert.Equal(MqttClientConnectResultCode.Success, enabled);
        Assert.NotEqual(MqttClientConnectResultCode.Success, disabled);
    }

    [Fact]
    public async Task ChoosingDynamicSecurityWithTheEmbeddedBrokerStopsStart()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            DevicesHost.StartAsync(new Dictionary<string, string?> { ["Mqtt:AccountStore"] = "MosquittoDynamicSecurity" }));

        Assert.Contains(error.Failures, f => f.StartsWith("Mqtt:AccountStore:", StringComparison.Ordinal));
    }
}
