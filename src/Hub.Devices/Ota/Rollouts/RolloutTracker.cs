using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Hub.Devices.Ota.Rollouts;

/// <summary>
/// Which plugs a rollout is working on right now, for everyone else that might act on a plug (the watchdog must not
/// restart a plug that is flashing), and the doorbell that wakes the rollout worker after an API action.
/// </summary>
public sealed class RolloutTracker
{
    private readonly ConcurrentDictionary<long, long> _inFlight = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    // A dashboard that falls behind loses the oldest changes, never the rollout's pace; the API has the full picture.
    private readonly Channel<RolloutPlugChanged> _changes = Channel.CreateBounded<RolloutPlugChanged>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Channel<RolloutChanged> _rolloutChanges = Channel.CreateBounded<RolloutChanged>(
        new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Every plug state change of every rollout, for the one live notifier.</summary>
    public ChannelReader<RolloutPlugChanged> Changes => _changes.Reader;

    /// <summary>Changes of the rollouts themselves (status, wave, holding), for the same notifier.</summary>
    public ChannelReader<RolloutChanged> RolloutChanges => _rolloutChanges.Reader;

    /// <summary>True while the plug is being sent an image, flashed, rebooted or verified.</summary>
    public bool IsInRollout(long plugId) => _inFlight.ContainsKey(plugId);

    public int InFlight => _inFlight.Count;

    public void Wake() => _wake.Writer.TryWrite(true);

    internal void Publish(RolloutPlugChanged change) => _changes.Writer.TryWrite(change);

    internal void Publish(RolloutChanged change) => _rolloutChanges.Writer.TryWrite(change);

    internal bool TryEnter(long plugId, long rolloutId) => _inFlight.TryAdd(plugId, rolloutId);

    internal void Leave(long plugId) => _inFlight.TryRemove(plugId, out _);

    internal async Task WaitForWakeAsync(TimeSpan atMost, TimeProvider time, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(atMost, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await _wake.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Periodic look even without a doorbell.
        }
    }
}
