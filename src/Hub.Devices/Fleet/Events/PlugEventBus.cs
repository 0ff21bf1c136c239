using System.Collections.Immutable;
using System.Threading.Channels;

namespace Hub.Devices.Fleet.Events;

/// <summary>
/// Fans every <see cref="PlugEvent"/> out to each consumer's own bounded channel, so a slow consumer never blocks
/// another. Each consumer picks its back-pressure: <see cref="BusBackPressure.Wait"/> slows the publisher down (and with
/// it the MQTT acknowledgements), <see cref="BusBackPressure.DropOldest"/> keeps only the newest events.
/// </summary>
public sealed class PlugEventBus
{
    private ImmutableArray<Subscription> _subscriptions = [];

    /// <summary>Whether some consumer stores readings and completes their <see cref="DeliveryReceipt"/>s.</summary>
    public bool HasReceiptCompleter { get; private set; }

    public ChannelReader<PlugEvent> Subscribe(
        string consumer, int capacity, BusBackPressure backPressure, bool completesReceipts = false)
    {
        HasReceiptCompleter |= completesReceipts;
        var channel = Channel.CreateBounded<PlugEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = backPressure == BusBackPressure.Wait ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
        });
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(new Subscription(consumer, channel.Writer)));
        return channel.Reader;
    }

    public async ValueTask PublishAsync(PlugEvent evt, CancellationToken cancellationToken)
    {
        foreach (var subscription in _subscriptions)
        {
            if (!subscription.Writer.TryWrite(evt))
            {
                await subscription.Writer.WriteAsync(evt, cancellationToken);
            }
        }
    }

    private sealed record Subscription(string Consumer, ChannelWriter<PlugEvent> Writer);
}
