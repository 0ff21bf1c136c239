using System.Threading.Channels;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Protocols;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Discovery;

/// <summary>
/// Gives the MQTT link's events their plug id and registers plugs that announce themselves over MQTT. Registration is
/// off the message path: a new topic goes into a bounded queue that one writer drains, committing whatever has
/// accumulated (up to <see cref="BatchSize"/> plugs) in one transaction. Until its commit, a new plug's events wait
/// here in arrival order and go to the bus with its id afterwards, before any later event of that plug.
/// </summary>
public sealed partial class MqttDiscovery(PlugDirectory directory, PlugEventBus bus, ILogger<MqttDiscovery> logger) : BackgroundService
{
    /// <summary>Plugs per transaction, as for SSDP and scans.</summary>
    public const int BatchSize = DiscoveryRegistrar.BatchSize;

    private const int QueueCapacity = 10_000;

    private readonly Channel<Registration> _queue = Channel.CreateBounded<Registration>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true });

    // Topics queued or being written, with the events that arrived for them meanwhile. Guarded by _gate.
    private readonly Dictionary<string, Registration> _waiting = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Plugs whose registration is queued or being written.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>
    /// The event with its plug id, ready for the bus; or null when it was kept to follow the plug's registration (the
    /// returned task then completes once it has been handed on). Called by the MQTT link, one message at a time.
    /// </summary>
    internal ValueTask<Resolution> ResolveAsync(PlugEvent evt, PlugProtocolKind? protocol, CancellationToken ct)
    {
        Registration registration;
        lock (_gate)
        {
            if (_waiting.TryGetValue(evt.Topic, out var waiting))
            {
                waiting.Events.Add(evt);
                return ValueTask.FromResult(new Resolution(null, waiting.Published.Task));
            }

            if (directory.Find(evt.Topic) is { } entry)
            {
                return ValueTask.FromResult(new Resolution(evt with { PlugId = entry.Id }, null));
            }

            // A plug joins the fleet as pending when it announces itself on a topic only its own dialect uses.
            if (protocol is not { } kind || evt is not (AvailabilityChanged { Online: true } or TelemetryReported))
            {
                return ValueTask.FromResult(new Resolution(evt, null));
            }

            registration = new Registration(evt.Topic, kind);
            registration.Events.Add(evt);
            _waiting[evt.Topic] = registration;
        }

        return _queue.Writer.TryWrite(registration)
            ? ValueTask.FromResult(new Resolution(null, registration.Published.Task))
            : QueueAsync(registration, ct);
    }

    private async ValueTask<Resolution> QueueAsync(Registration registration, CancellationToken ct)
    {
        // A full queue is the one place the link waits for the database, as it does for a full bus.
        await _queue.Writer.WriteAsync(registration, ct);
        return new Resolution(null, registration.Published.Task);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await directory.Loaded.WaitAsync(stoppingToken);
        var batch = new List<Registration>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // No waiting to fill a batch: what queued up during the previous commit is the batch.
                batch.Clear();
                while (batch.Count < BatchSize && _queue.Reader.TryRead(out var registration))
                {
                    batch.Add(registration);
                }

                var entries = await RegisterAsync(batch, stoppingToken);
                for (var i = 0; i < batch.Count; i++)
                {
                    await HandOnAsync(batch[i], entries[i], stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: events still waiting were not acknowledged, so the broker delivers them again.
        }
    }

    private async Task<PlugEntry?[]> RegisterAsync(List<Registration> batch, CancellationToken ct)
    {
        try
        {
            return await directory.RegisterManyAsync([.. batch.Select(r => (r.Topic, r.Protocol))], "MQTT", ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogRegistrationFailed(logger, batch.Count, ex);
            return new PlugEntry?[batch.Count];
        }
    }

    /// <summary>
    /// Publishes the plug's waiting events in arrival order, then lets its later events take the direct path. The topic
    /// leaves <see cref="_waiting"/> only once nothing of it is left here, so no later event can overtake these.
    /// </summary>
    private async Task HandOnAsync(Registration registration, PlugEntry? entry, CancellationToken ct)
    {
        while (true)
        {
            List<PlugEvent> events;
            lock (_gate)
            {
                if (registration.Events.Count == 0)
                {
                    _waiting.Remove(registration.Topic);
                    break;
                }

                events = [.. registration.Events];
                registration.Events.Clear();
            }

            // Without an entry the events go on unattributed (id 0), as for any plug not in the fleet, and the plug's
            // next announcement tries again.
            foreach (var evt in events)
            {
                await bus.PublishAsync(evt with { PlugId = entry?.Id ?? 0 }, ct);
            }
        }

        registration.Published.TrySetResult();
    }

    /// <summary>What the link does with one event: publish <see cref="Event"/> now, or wait for <see cref="Later"/>.</summary>
    internal readonly record struct Resolution(PlugEvent? Event, Task? Later);

    private sealed class Registration(string topic, PlugProtocolKind protocol)
    {
        public string Topic { get; } = topic;

        public PlugProtocolKind Protocol { get; } = protocol;

        public List<PlugEvent> Events { get; } = [];

        public TaskCompletionSource Published { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Registering {Count} plugs found over MQTT failed; their next announcement tries again")]
    private static partial void LogRegistrationFailed(ILogger logger, int count, Exception ex);
}
