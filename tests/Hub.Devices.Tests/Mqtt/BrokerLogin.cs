using MQTTnet;
using MQTTnet.Formatter;

namespace Hub.Devices.Tests.Mqtt;

/// <summary>One MQTT v5 login attempt and the broker's answer to it, refused or not.</summary>
internal static class BrokerLogin
{
    public static MqttClientOptions Options(int port, string? user, string? password)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("test-" + Guid.NewGuid().ToString("N")[..8])
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (user is not null)
        {
            builder.WithCredentials(user, password);
        }

        return builder.Build();
    }

    public static async Task<MqttClientConnectResultCode> TryAsync(int port, string? user, string? password)
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

    /// <summary>A connected client that records what it receives.</summary>
    public static async Task<IMqttClient> ConnectAsync(int port, string user, string password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(port, user, password), TestContext.Current.CancellationToken);
        return client;
    }
}
