using System.Collections.Concurrent;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Mqtt;
using Hub.Devices.Protocols;
using Microsoft.Extensions.Hosting;

namespace Hub.Devices.Commands;

/// <summary>
/// Sends a command to a plug and waits for the plug to confirm it, so callers learn what really happened rather
/// than that a message left the hub. Confirmations are matched by the plug's own protocol.
/// </summary>
public sealed class PlugCommander(
    PlugDirectory directory,
    FleetState fleet,
    PlugProtocols protocols,
    MqttLink link,
    PlugEventBus bus,
    TimeProvider time) : BackgroundService
{
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<Waiter, byte>> _waiters = new();

    // The relay states this commander has seen confirmed. The fleet worker reads the same events on its own channel and
    // may lag behind a confirmation the caller already has, so toggles are resolved from here first.
    private readonly ConcurrentDictionary<(long PlugId, int Channel), bool> _relays = new();
    private readonly System.Threading.Channels.ChannelReader<PlugEvent> _events =
        bus.Subscribe("command-confirmations", 10_000, BusBackPressure.DropOldest);

    public async Task<CommandOutcome> SendAsync(long plugId, PlugCommand command, TimeSpan timeout, CancellationToken ct)
    {
        var plug = directory.FindById(plugId);
        if (plug is null)
        {
            return CommandOutcome.Of(CommandOutcomeKind.UnknownPlug);
        }

        if (plug.Status != PlugStatus.Adopted)
        {
            return CommandOutcome.Of(CommandOutcomeKind.NotAdopted);
        }

        if (!fleet.IsOnline(plugId))
        {
            return CommandOutcome.Of(CommandOutcomeKind.Offline);
        }

        return await SendUncheckedAsync(plug, command, timeout, ct);
    }

    /// <summary>Sends without the adoption and online checks: for adoption itself and for automatic actions.</summary>
    public async Task<CommandOutcome> SendUncheckedAsync(PlugEntry plug, PlugCommand command, TimeSpan timeout, CancellationToken ct)
    {
        command = ResolveToggle(plug.Id, command);
        var protocol = protocols.For(plug.Protocol);
        var waiter = new Waiter(command, protocol);
        var waiting = _waiters.GetOrAdd(plug.Id, _ => new ConcurrentDictionary<Waiter, byte>());
        waiting[waiter] = 0;
        try
        {
            foreach (var message in protocol.Encode(plug.Topic, command))
            {
                await link.EnqueueAsync(message, ct);
            }

            var confirmation = await waiter.Confirmed.Task.WaitAsync(timeout, time, ct);
            return new CommandOutcome(CommandOutcomeKind.Confirmed, confirmation);
        }
        catch (TimeoutException)
        {
            return CommandOutcome.Of(CommandOutcomeKind.TimedOut);
        }
        finally
        {
            waiting.TryRemove(waiter, out _);
        }
    }

    /// <summary>
    /// A toggle is sent as the explicit opposite of the state the plug last reported: the echo of an earlier switch
    /// can then never be mistaken for its confirmation, and a retried toggle cannot flip the relay twice.
    /// </summary>
    private PlugCommand ResolveToggle(long plugId, PlugCommand command)
    {
        if (command is not SetRelay { Action: RelayAction.Toggle } toggle)
        {
            return command;
        }

        bool? on = _relays.TryGetValue((plugId, toggle.Channel), out var seen) ? seen : fleet.RelayOf(plugId, toggle.Channel);
        return on is { } current ? toggle with { Action = current ? RelayAction.Off : RelayAction.On } : command;
    }

    /// <summary>For commands plugs do not answer (most settings): sent in order, confirmed by whatever the caller sends next.</summary>
    public async Task SendWithoutConfirmationAsync(PlugEntry plug, PlugCommand command, CancellationToken ct)
    {
        foreach (var message in protocols.For(plug.Protocol).Encode(plug.Topic, command))
        {
            await link.EnqueueAsync(message, ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var evt in _events.ReadAllAsync(stoppingToken))
            {
                if (evt is RelayReported relay)
                {
                    _relays[(relay.PlugId, relay.Channel)] = relay.On;
                }

                if (!_waiters.TryGetValue(evt.PlugId, out var waiting))
                {
                    continue;
                }

                foreach (var waiter in waiting.Keys.Where(w => w.Protocol.Confirms(w.Command, evt)))
                {
                    waiter.Confirmed.TrySetResult(evt);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private sealed class Waiter(PlugCommand command, IPlugProtocol protocol)
    {
        public PlugCommand Command { get; } = command;

        public IPlugProtocol Protocol { get; } = protocol;

        public TaskCompletionSource<PlugEvent> Confirmed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
