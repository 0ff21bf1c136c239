using Hub.Devices.Fleet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Watchdog;

/// <summary>
/// The maintenance windows in force, kept in memory because every probe result and every alert asks. Reloaded after
/// the API changes them; a window simply stops counting once its time has passed.
/// </summary>
public sealed class MaintenanceRegistry(IServiceScopeFactory scopes, TimeProvider time)
{
    private volatile Snapshot _snapshot = new([], new Dictionary<long, long>());

    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var windows = await db.MaintenanceWindows.AsNoTracking().ToListAsync(ct);
        var devices = await db.WatchedDevices.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.PlugId, ct);
        _snapshot = new Snapshot(windows, devices);
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

    private sealed record Snapshot(List<MaintenanceWindow> Windows, Dictionary<long, long> DevicePlugs);
}
