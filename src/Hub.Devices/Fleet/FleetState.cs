using System.Collections.Concurrent;

namespace Hub.Devices.Fleet;

/// <summary>
/// The newest known state of every plug, kept in memory for the message path and written behind to the database
/// (at most a second later) by <see cref="FleetStateWorker"/>; after a restart it is rebuilt from the rows.
/// </summary>
public sealed class FleetState
{
    private readonly ConcurrentDictionary<long, LivePlug> _plugs = new();
    private readonly List<(long PlugId, Func<PlugState, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public LivePlug? Find(long plugId) => _plugs.GetValueOrDefault(plugId);

    public bool IsOnline(long plugId) => Find(plugId)?.State.Online == true;

    /// <summary>The relay state the plug last reported on a channel, read safely beside the worker's writes.</summary>
    public bool? RelayOf(long plugId, int channel)
    {
        if (Find(plugId) is not { } plug)
        {
            return null;
        }

        lock (plug.RelaysLock)
        {
            return plug.State.Relays.TryGetValue(channel, out var on) ? on : null;
        }
    }

    /// <summary>A copy of every relay's last reported state; empty for an unknown plug.</summary>
    public Dictionary<int, bool> RelaysOf(long plugId)
    {
        if (Find(plugId) is not { } plug)
        {
            return [];
        }

        lock (plug.RelaysLock)
        {
            return new Dictionary<int, bool>(plug.State.Relays);
        }
    }

    /// <summary>Waits until the plug's state satisfies <paramref name="condition"/>; false after the timeout.</summary>
    public async Task<bool> WaitUntilAsync(long plugId, Func<PlugState, bool> condition, TimeSpan timeout, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (Find(plugId) is { } plug && condition(plug.State))
            {
                return true;
            }

            _waiters.Add((plugId, condition, done));
        }

        try
        {
            await done.Task.WaitAsync(timeout, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            lock (_waiters)
            {
                _waiters.RemoveAll(w => w.Done == done);
            }
        }
    }

    internal LivePlug GetOrAdd(long plugId, Func<long, LivePlug> load) => _plugs.GetOrAdd(plugId, load);

    internal IEnumerable<LivePlug> Dirty => _plugs.Values.Where(p => p.Dirty);

    /// <summary>Called by the worker after it applied an event to a plug.</summary>
    internal void Changed(LivePlug plug)
    {
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.PlugId == plug.PlugId && w.Condition(plug.State)))
            {
                waiter.Done.TrySetResult();
            }
        }
    }
}
