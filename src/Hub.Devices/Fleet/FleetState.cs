using System.Collections.Concurrent;

namespace Hub.Devices.Fleet;

/// <summary>
/// The newest known state of every plug, kept in memory for the message path and written behind to the database
/// (at most a second later) by <see cref="FleetStateWorker"/>; after a restart it is rebuilt from the rows.
/// </summary>
public sealed class FleetState
{
    private readonly ConcurrentDictionary<long, LivePlug> _plugs = new();

    public LivePlug? Find(long plugId) => _plugs.GetValueOrDefault(plugId);

    public bool IsOnline(long plugId) => Find(plugId)?.State.Online == true;

    internal LivePlug GetOrAdd(long plugId, Func<long, LivePlug> load) => _plugs.GetOrAdd(plugId, load);

    internal IEnumerable<LivePlug> Dirty => _plugs.Values.Where(p => p.Dirty);
}
