using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Hub.Devices.Mqtt;

/// <summary>
/// MQTTnet's in-process broker. Started in <see cref="StartAsync"/> rather than a background loop, so the hub
/// fails at start with a clear message when the port is taken instead of running without a broker.
/// </summary>
public sealed class EmbeddedBroker(
    IOptions<MqttBrokerOptions> options,
    BrokerAuthenticator authenticator,
    MqttMetrics metrics,
    ILogger<EmbeddedBroker> logger) : IHostedService, IDisposable
{
    private const string RoleKey = "hub.role";

    private MqttServer? _server;

    public bool IsListening => _server?.IsStarted == true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("Embedded MQTT broker is disabled; plugs use an external broker");
            return;
        }

        var factory = new MqttServerFactory();
        var serverOptions = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(settings.BindAddress))
            .WithDefaultEndpointPort(settings.Port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(settings.MaxPendingMessagesPerClient)
            .Build();
        var server = factory.CreateMqttServer(serverOptions);
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        server.InterceptingPublishAsync += e =>
        {
            metrics.MessagesIn.Add(1);
            if (RoleOf(e.SessionItems) is { TopicRoot: { } root } && !PlugTopicPolicy.MayPublish(root, e.ApplicationMessage.Topic))
            {
                e.ProcessPublish = false;
                metrics.RefusedPublishes.Add(1);
                logger.LogWarning("Refused publish by {ClientId} to {Topic}: not its own topic", e.ClientId, e.ApplicationMessage.Topic);
            }

            return Task.CompletedTask;
        };
        server.InterceptingSubscriptionAsync += e =>
        {
            if (RoleOf(e.SessionItems) is { TopicRoot: { } root }
                && !PlugTopicPolicy.MaySubscribe(root, e.TopicFilter.Topic, settings.GroupTopics))
            {
                e.ProcessSubscription = false;
                e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
                // Plugs resubscribe on every reconnect; a refused filter is not worth a warning each time.
                logger.LogDebug("Refused subscription by {ClientId} to {Filter}", e.ClientId, e.TopicFilter.Topic);
            }

            return Task.CompletedTask;
        };
        server.InterceptingClientEnqueueAsync += _ =>
        {
            metrics.MessagesOut.Add(1);
            return Task.CompletedTask;
        };

        try
        {
            await server.StartAsync();
        }
        catch (SocketException ex)
        {
            server.Dispose();
            throw new InvalidOperationException(
                $"Mqtt:Broker:Port {settings.Port} on {settings.BindAddress} cannot be opened ({ex.SocketErrorCode}); " +
                "choose another port or set Mqtt:Broker:Enabled=false to use an external broker.", ex);
        }

        _server = server;
        logger.LogInformation("Embedded MQTT broker listening on {Address}:{Port}", settings.BindAddress, settings.Port);
    }

    /// <summary>Stops and starts the broker on the same port, dropping every client (they reconnect by themselves).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopAsync(cancellationToken);
        _server?.Dispose();
        _server = null;
        await StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_server is { IsStarted: true } server)
            {
                await server.StopAsync();
            }
        }
        catch (InvalidOperationException ex)
        {
            // MQTTnet 5.2's TCP adapter empties its listener list without a lock, and a clean-clone test run saw a
            // host stop fail with "Collection was modified" there. The clients are gone by then; only the
            // listener sockets are left, and disposing the server closes them.
            logger.LogWarning(ex, "The embedded MQTT broker's listeners did not stop cleanly");
        }
    }

    public void Dispose()
    {
        try
        {
            _server?.Dispose();
        }
        catch (InvalidOperationException ex)
        {
            logger.LogWarning(ex, "The embedded MQTT broker's listeners did not close cleanly");
        }
    }

    private static BrokerClientRole? RoleOf(System.Collections.IDictionary sessionItems) =>
        sessionItems[RoleKey] as BrokerClientRole;

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        BrokerClientRole? role;
        try
        {
            role = await authenticator.AuthenticateAsync(e.ClientId, e.UserName, e.Password, CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "Could not check broker credentials of client {ClientId}", e.ClientId);
            role = null;
        }

        if (role is not null)
        {
            e.SessionItems[RoleKey] = role;
        }
        else
        {
            e.ReasonCode = string.IsNullOrEmpty(e.UserName)
                ? MqttConnectReasonCode.NotAuthorized
                : MqttConnectReasonCode.BadUserNameOrPassword;
            metrics.RefusedConnections.Add(1);
            logger.LogInformation("Refused MQTT client {ClientId} (user {User})", e.ClientId, e.UserName ?? "<none>");
        }
    }
}
