using System.Threading.Channels;
using Hub.Devices.Fleet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Watchdog;

/// <summary>
/// The maintenance windows in force, kept in memory because every probe result and every alert asks. Reloaded after
/// the API changes them; a window simply stops counting once its time has passed. Each window that starts or stops
/// counting is announced once on <see cref="Changes"/>.
/// </summary>
public sealed class MaintenanceRegistry(IServiceScopeFactory scopes, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Channel<MaintenanceChange> _changes = Channel.CreateBounded<MaintenanceChange>(
        new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private volatile Snapshot _snapshot = new([], new Dictionary<long, long>());

    // The windows last announced as in force, each with the announcement that started it (and so its plug, which a
    // deleted device would no longer tell).
    private Dictionary<long, MaintenanceChange> _announced = [];
    private long _reloads;
    private long _installed;

    /// <summary>Windows started, ended by hand or expired, for the live dashboards. A slow reader loses the oldest.</summary>
    public ChannelReader<MaintenanceChange> Changes => _changes.Reader;

    /// <summary>
    /// The stamp of the newest reload that has taken effect (stamps count every reload started, overtaken ones too). It only
    /// grows, so a caller can tell that the windows were read again after a point, e.g. the watchdog's periodic reload.
    /// </summary>
    public long Reloads
    {
        get
        {
            lock (_gate)
            {
                return _installed;
            }
        }
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        // The API and the watchdog reload concurrently; a read that finishes last but began first must not put back a
        // window that was deleted in between (and announce it started again).
        var stamp = Interlocked.Increment(ref _reloads);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var windows = await db.MaintenanceWindows.AsNoTracking().ToListAsync(ct);
        var devices = await db.WatchedDevices.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.PlugId, ct);
        lock (_gate)
        {
            if (stamp < _installed)
            {
                return;
            }

            _installed = stamp;
            _snapshot = new Snapshot(windows, devices);
            Announce();
        }
    }

    /// <summary>
    /// Announces the windows whose time has passed since the last look. Called on the watchdog's tick, so an expiry
    /// reaches the dashboards within a tick; cheap while nothing expired.
    /// </summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_announced.Values.Any(a => a.Window.Until <= now))
            {
                Announce();
            }
        }
    }

    /// <summary>The window that keeps the plug (or the device, or the plug in front of it) quiet now, if any.</summary>
    public MaintenanceWindow? Active(long? plugId, long? deviceId = null)
    {
        var now = time.GetUtcNow();
        var snapshot = _snapshot;
        var plug = plugId ?? (deviceId is { } d ? snapshot.DevicePlugs.GetValueOrDefault(d) : null);
        return snapshot.Windows.FirstOrDefault(w => w.Until > now
            && ((w.PlugId is { } p && p == plug) || (w.DeviceId is { } dev && dev == deviceId)));
    }

    public bool IsQuiet(long? plugId, long? deviceId = null) => Active(plugId, deviceId) is not null;

    private void Announce()
    {
        var now = time.GetUtcNow();
        var snapshot = _snapshot;
        var inForce = snapshot.Windows.Where(w => w.Until > now).ToDictionary(w => w.Id);
        var announced = new Dictionary<long, MaintenanceChange>();
        foreach (var (id, started) in _announced)
        {
            if (inForce.ContainsKey(id))
            {
                announced[id] = started;
            }
            else
            {
                var how = started.Window.Until <= now ? MaintenanceChangeKind.Expired : MaintenanceChangeKind.Ended;
                _changes.Writer.TryWrite(started with { Change = how });
            }
        }

        foreach (var (id, window) in inForce.Where(w => !announced.ContainsKey(w.Key)))
        {
            var plug = window.PlugId ?? (window.DeviceId is { } d && snapshot.DevicePlugs.TryGetValue(d, out var p) ? p : null);
            var started = new MaintenanceChange(plug, MaintenanceChangeKind.Started, window);
            announced[id] = started;
            _changes.Writer.TryWrite(started);
        }

        _announced = announced;
    }

    private sealed record Snapshot(List<MaintenanceWindow> Windows, Dictionary<long, long> DevicePlugs);
}
