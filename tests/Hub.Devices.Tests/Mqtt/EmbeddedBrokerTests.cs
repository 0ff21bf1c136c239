using System.Diagnostics.Metrics;
using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace Hub.Devices.Tests.Mqtt;

public sealed class EmbeddedBrokerTests
{
    [Fact]
    public async Task TheHubsOwnCredentialsAreAccepted()
    {
        await using var devices = await DevicesHost.StartAsync();
        var hub = devices.Services.GetRequiredService<HubMqttCredentials>();

        var result = await ConnectAsync(devices.BrokerPort, hub.Username, hub.Password);

        Assert.Equal(MqttClientConnectResultCode.Success, result);
    }

    [Fact]
    public async Task AWrongPasswordIsRefused()
    {
        await using var devices = await DevicesHost.StartAsync();
        var hub = devices.Services.GetRequiredService<HubMqttCredentials>();

        var result = await ConnectAsync(devices.BrokerPort, hub.Username, hub.Password + "x");

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result);
    }

    [Fact]
    public async Task AnonymousClientsAreRefused()
    {
        await using var devices = await DevicesHost.StartAsync();

        var result = await ConnectAsync(devices.BrokerPort, null, null);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, result);
    }

    [Fact]
    public async Task AnIssuedAccountWorksUntilItIsRevoked()
    {
        await using var devices = await DevicesHost.StartAsync();
        var account = new BrokerAccount
        {
            Username = "plug-kitchen",
            SecretHash = BrokerAuthenticator.HashSecret("kitchen-secret"),
            TopicRoot = "kitchen",
        };
        using (var scope = devices.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            db.BrokerAccounts.Add(account);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var before = await ConnectAsync(devices.BrokerPort, "plug-kitchen", "kitchen-secret");
        var wrong = await ConnectAsync(devices.BrokerPort, "plug-kitchen", "guess");
        using (var scope = devices.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            var stored = await db.BrokerAccounts.FindAsync([account.Id], TestContext.Current.CancellationToken);
            stored!.RevokedAt = TimeProvider.System.GetUtcNow();
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var after = await ConnectAsync(devices.BrokerPort, "plug-kitchen", "kitchen-secret");

        Assert.Equal(MqttClientConnectResultCode.Success, before);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wrong);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, after);
    }

    [Fact]
    public async Task PublishedMessagesAreCountedInAndOut()
    {
        await using var devices = await DevicesHost.StartAsync();
        var hub = devices.Services.GetRequiredService<HubMqttCredentials>();
        var meters = devices.Services.GetRequiredService<IMeterFactory>();
        long messagesIn = 0, messagesOut = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MqttMetrics.MeterName && instrument.Meter.Scope == meters)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "hub_mqtt_messages_in") { Interlocked.Add(ref messagesIn, value); }
            if (instrument.Name == "hub_mqtt_messages_out") { Interlocked.Add(ref messagesOut, value); }
        });
        listener.Start();
        using var client = new MqttClientFactory().CreateMqttClient();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        await client.ConnectAsync(Options(devices.BrokerPort, hub.Username, hub.Password), TestContext.Current.CancellationToken);
        await client.SubscribeAsync("test/echo", cancellationToken: TestContext.Current.CancellationToken);

        await client.PublishStringAsync("test/echo", "hello", cancellationToken: TestContext.Current.CancellationToken);
        var payload = await received.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal("hello", payload);
        Assert.Equal(1, Interlocked.Read(ref messagesIn));
        Assert.Equal(1, Interlocked.Read(ref messagesOut));
    }

    [Fact]
    public async Task APlugMayUseItsOwnTopicsButNotAnotherPlugs()
    {
        await using var devices = await DevicesHost.StartAsync();
        using (var scope = devices.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            db.BrokerAccounts.Add(new BrokerAccount { Username = "plug-a", SecretHash = BrokerAuthenticator.HashSecret("secret-a"), TopicRoot = "plug_a" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var hub = devices.Services.GetRequiredService<HubMqttCredentials>();
        await using var watcher = await MqttProbe.ConnectAsync(devices.BrokerPort, hub.Username, hub.Password, "#");
        using var plugA = new MqttClientFactory().CreateMqttClient();
        await plugA.ConnectAsync(Options(devices.BrokerPort, "plug-a", "secret-a"), TestContext.Current.CancellationToken);

        await plugA.PublishStringAsync("plug_b/1/get", "1", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce,
            cancellationToken: TestContext.Current.CancellationToken);
        await plugA.PublishStringAsync("cmnd/plug_b/POWER", "ON", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce,
            cancellationToken: TestContext.Current.CancellationToken);
        var foreignSubscription = await plugA.SubscribeAsync("cmnd/plug_b/#", cancellationToken: TestContext.Current.CancellationToken);
        await plugA.PublishStringAsync("plug_a/1/get", "1", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce,
            cancellationToken: TestContext.Current.CancellationToken);
        await watcher.WaitForAsync((topic, _) => topic == "plug_a/1/get", TimeSpan.FromSeconds(10));

        Assert.DoesNotContain(watcher.Messages, m => m.Topic.Contains("plug_b", StringComparison.Ordinal));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, foreignSubscription.Items.Single().ResultCode);
    }

    private static MqttClientOptions Options(int port, string? user, string? password)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("test-" + Guid.NewGuid().ToString("N")[..8])
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (user is not null)
        {
            builder.WithCredentials(user, password);
        }

        return builder.Build();
    }

    private static async Task<MqttClientConnectResultCode> ConnectAsync(int port, string? user, string? password)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        MqttClientConnectResult? refused = null;
        client.DisconnectedAsync += e =>
        {
            refused = e.ConnectResult;
            return Task.CompletedTask;
        };
        try
        {
            var result = await client.ConnectAsync(Options(port, user, password), TestContext.Current.CancellationToken);
            await client.DisconnectAsync(cancellationToken: TestContext.Current.CancellationToken);
            return result.ResultCode;
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException)
        {
            // MQTTnet reports the broker's reason code through the disconnect event, not the exception.
            return refused?.ResultCode ?? throw new InvalidOperationException("Refused without a CONNACK");
        }
    }
}
