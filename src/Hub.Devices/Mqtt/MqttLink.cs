using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Hub.Devices.Discovery;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Protocols;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Hub.Devices.Mqtt;

/// <summary>
/// The hub's one connection to its broker. It reconnects from its own loop (never from the disconnect event, as
/// MQTTnet's maintainers advise), subscribes again after every reconnect, keeps a persistent session so QoS 1
/// readings wait for it, acknowledges those only once they are stored, and queues outgoing commands while away.
/// </summary>
public sealed partial class MqttLink(
    IOptions<MqttOptions> mqtt,
    IOptions<MqttBrokerOptions> broker,
    IOptions<MqttLinkOptions> options,
    HubMqttCredentials credentials,
    PlugProtocols protocols,
    PlugDirectory directory,
    MqttDiscovery discovery,
    PlugEventBus bus,
    MqttMetrics metrics,
    TimeProvider time,
    ILogger<MqttLink> logger) : BackgroundService
{
    private readonly Channel<OutboundMessage> _outbox = Channel.CreateBounded<OutboundMessage>(
        new BoundedChannelOptions(options.Value.OutboxCapacity) { SingleReader = true });
    private readonly TaskCompletionSource _firstConnect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, Action<byte[]>> _routes = new(StringComparer.Ordinal);
    private IMqttClient? _client;
    private int _epoch;

    public bool IsConnected => _client?.IsConnected == true;

    /// <summary>Counts successful connections, so watchers notice an outage however short it was.</summary>
    public int ConnectionEpoch => _epoch;

    public DateTimeOffset? LastDisconnectedAt { get; private set; }

    public DateTimeOffset? LastConnectedAt { get; private set; }

    /// <summary>Completes when the link is connected and subscribed for the first time.</summary>
    public Task Connected => _firstConnect.Task;

    /// <summary>Queues a message for the broker; sent at once when connected, after the reconnect otherwise.</summary>
    public ValueTask EnqueueAsync(OutboundMessage message, CancellationToken cancellationToken) =>
        _outbox.Writer.WriteAsync(message, cancellationToken);

    /// <summary>
    /// Hands messages on one exact topic (a broker's control replies, not plug traffic) to <paramref name="handler"/>.
    /// The subscription is made now when connected, and again after every reconnect.
    /// </summary>
    public async Task RouteAsync(string topic, Action<byte[]> handler, CancellationToken cancellationToken)
    {
        _routes[topic] = handler;
        if (_client is { IsConnected: true } client)
        {
            await client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await directory.Loaded.WaitAsync(stoppingToken);
        using var client = new MqttClientFactory().CreateMqttClient();
        _client = client;
        client.ApplicationMessageReceivedAsync += e => OnMessageAsync(e, stoppingToken);
        client.DisconnectedAsync += _ =>
        {
            // Only noted here; reconnecting is the loop's job.
            LastDisconnectedAt = time.GetUtcNow();
            return Task.CompletedTask;
        };
        var sender = SendOutboxAsync(client, stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ReconnectSeconds), time);
        do
        {
            try
            {
                if (!client.IsConnected)
                {
                    await ConnectAsync(client, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogConnectFailed(logger, ex.Message);
            }
        }
        while (await WaitTickAsync(timer, stoppingToken));

        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }

        await sender;
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ConnectAsync(IMqttClient client, CancellationToken ct)
    {
        var settings = mqtt.Value;
        var host = string.IsNullOrWhiteSpace(settings.Host) ? "127.0.0.1" : settings.Host;
        var port = string.IsNullOrWhiteSpace(settings.Host) ? broker.Value.Port : settings.Port;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(options.Value.ClientId)
            .WithCredentials(credentials.Username, credentials.Password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)options.Value.SessionExpirySeconds)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (settings.UseTls)
        {
            builder.WithTlsOptions(tls => tls.UseTls());
        }

        await client.ConnectAsync(builder.Build(), ct);
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in protocols.SubscriptionFilters.Concat(_routes.Keys).Distinct(StringComparer.Ordinal))
        {
            subscribe.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        await client.SubscribeAsync(subscribe.Build(), ct);
        LogConnected(logger, host, port);
        LastConnectedAt = time.GetUtcNow();
        Interlocked.Increment(ref _epoch);
        _firstConnect.TrySetResult();
    }

    private async Task SendOutboxAsync(IMqttClient client, CancellationToken ct)
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(ct))
            {
                var sent = false;
                while (!sent)
                {
                    try
                    {
                        await Connected.WaitAsync(ct);
                        await client.PublishAsync(new MqttApplicationMessageBuilder()
                            .WithTopic(message.Topic)
                            .WithPayload(message.Payload)
                            .WithRetainFlag(message.Retain)
                            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                            .Build(), ct);
                        sent = true;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Disconnected mid-send: keep the message and try again once the loop has reconnected.
                        LogSendFailed(logger, message.Topic, ex.Message);
                        await Task.Delay(TimeSpan.FromSeconds(options.Value.ReconnectSeconds), time, ct);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e, CancellationToken ct)
    {
        var message = e.ApplicationMessage;
        var at = time.GetUtcNow();
        var payload = message.Payload.IsSingleSegment ? message.Payload.FirstSpan.ToArray() : message.Payload.ToArray();
        if (_routes.TryGetValue(message.Topic, out var route))
        {
            route(payload);
            return;
        }

        var parsed = protocols.Parse(message.Topic, payload, at);
        var qos1 = message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce;
        var durable = qos1 && bus.HasReceiptCompleter && parsed.Events.Any(evt => evt is ReadingReported);
        var receipt = durable ? new DeliveryReceipt() : null;
        List<Task>? pending = receipt is null ? null : [receipt.Stored];
        foreach (var evt in parsed.Events)
        {
            var resolution = await discovery.ResolveAsync(evt with { Receipt = evt is ReadingReported ? receipt : null }, parsed.Protocol, ct);
            if (resolution.Event is { } resolved)
            {
                await bus.PublishAsync(resolved, ct);
            }
            else if (qos1 && resolution.Later is { } later)
            {
                // Held until the plug's registration commits: acknowledged only then, so a crash before it loses nothing.
                (pending ??= []).Add(later);
            }
        }

        if (pending is not null)
        {
            e.AutoAcknowledge = false;
            _ = AcknowledgeWhenStoredAsync(e, pending, ct);
        }
    }

    private async Task AcknowledgeWhenStoredAsync(MqttApplicationMessageReceivedEventArgs e, List<Task> pending, CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(options.Value.StoreTimeoutSeconds), time, ct);
            await e.AcknowledgeAsync(ct);
        }
        catch (Exception ex)
        {
            // Not acknowledged: the broker redelivers the message with this session, and ingest ignores duplicates.
            metrics.UnacknowledgedReadings.Add(1);
            LogNotAcknowledged(logger, e.ApplicationMessage.Topic, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT link connected to {Host}:{Port}")]
    private static partial void LogConnected(ILogger logger, string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT link cannot connect: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to {Topic} failed, will retry: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading on {Topic} not acknowledged: {Reason}")]
    private static partial void LogNotAcknowledged(ILogger logger, string topic, string reason);
}
