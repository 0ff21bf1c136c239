using System.Threading.Channels;
using Hub.Devices.Fleet;
using Hub.Devices.Watchdog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Alerts;

/// <summary>
/// The life of every alert: raised once per open condition (repeats only counted), acknowledged by a person,
/// resolved once its condition has stayed clear for the hold time, kept afterwards as history. Open alerts live in
/// memory for the hot path; every change is written before it is announced.
/// </summary>
public sealed partial class AlertCenter(
    IServiceScopeFactory scopes,
    MaintenanceRegistry maintenance,
    IOptionsMonitor<AlertOptions> options,
    TimeProvider time,
    ILogger<AlertCenter> logger) : IDisposable
{
    private readonly Dictionary<string, Alert> _open = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<AlertNotification> _outbox = Channel.CreateBounded<AlertNotification>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    // Every visible change (acknowledged and quiet ones too, which channels never hear of), for open dashboards. Dropping
    // the oldest is safe: a dashboard reloads the lists when it reconnects, and each change carries the whole alert.
    private readonly Channel<AlertView> _changes = Channel.CreateBounded<AlertView>(
        new BoundedChannelOptions(1_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>For the dispatcher, the only reader.</summary>
    public ChannelReader<AlertNotification> Notifications => _outbox.Reader;

    /// <summary>Raised, repeated, acknowledged and resolved alerts as they change, for the live view; one reader.</summary>
    public ChannelReader<AlertView> Changes => _changes.Reader;

    /// <summary>Open alerts nobody has acknowledged yet.</summary>
    public int ActiveCount
    {
        get
        {
            lock (_open)
            {
                return _open.Values.Count(a => a.State == AlertState.Active);
            }
        }
    }

    public bool IsOpen(string key)
    {
        lock (_open)
        {
            return _open.ContainsKey(key);
        }
    }

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var open = await db.Alerts.AsNoTracking().Where(a => a.State != AlertState.Resolved).ToListAsync(ct);
        lock (_open)
        {
            // Alerts raised while the rows were being read are newer than the rows: keep those.
            foreach (var alert in open)
            {
                _open.TryAdd(alert.Key, alert);
            }
        }
    }

    /// <summary>Says the condition holds now. Returns the alert, or null when maintenance or an earlier report swallowed it.</summary>
    public async Task<AlertView?> RaiseAsync(AlertRaise raise, CancellationToken ct)
    {
        if (maintenance.IsQuiet(raise.PlugId, raise.DeviceId))
        {
            return null;
        }

        await _gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            Alert? open;
            lock (_open)
            {
                open = _open.GetValueOrDefault(raise.Key);
            }

            if (open is not null)
            {
                return await RepeatAsync(db, open, raise, now, ct);
            }

            if (raise.Fingerprint is { } fingerprint
                && await db.Alerts.AnyAsync(a => a.Key == raise.Key && a.Fingerprint == fingerprint, ct))
            {
                // The plug repeated its report of an event already alerted on (boot info is re-sent on every connect).
                return null;
            }

            var alert = new Alert
            {
                Key = raise.Key, Rule = raise.Rule, Severity = raise.Severity, State = AlertState.Active,
                PlugId = raise.PlugId, DeviceId = raise.DeviceId, Title = raise.Title, Cause = raise.Cause,
                Fingerprint = raise.Fingerprint, RaisedAt = now, LastRaisedAt = now, Notifications = 1,
            };
            db.Alerts.Add(alert);
            await db.SaveChangesAsync(ct);
            lock (_open)
            {
                _open[alert.Key] = alert;
            }

            LogRaised(logger, alert.Key, alert.Severity, alert.Title, alert.Cause);
            return Announce(AlertNotice.Raised, alert, now);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AlertView> RepeatAsync(DevicesDb db, Alert open, AlertRaise raise, DateTimeOffset now, CancellationToken ct)
    {
        var sameEvent = raise.Fingerprint is not null && raise.Fingerprint == open.Fingerprint;
        if (sameEvent && open.ClearingSince is null)
        {
            return AlertView.From(open);
        }

        db.Alerts.Attach(open);
        open.ClearingSince = null;
        if (!sameEvent)
        {
            open.Occurrences++;
            open.LastRaisedAt = now;
            open.Cause = raise.Cause;
            open.Fingerprint = raise.Fingerprint;
            open.Severity = (AlertSeverity)Math.Max((int)open.Severity, (int)raise.Severity);
        }

        // Repeats are capped, and a person who acknowledged the alert has heard enough.
        var announce = !sameEvent && open.State == AlertState.Active
            && open.Notifications <= options.CurrentValue.MaxRepeatNotifications;
        if (announce)
        {
            open.Notifications++;
        }

        await db.SaveChangesAsync(ct);
        return announce ? Announce(AlertNotice.Repeated, open, now) : Changed(open);
    }

    /// <summary>
    /// Says a continuing condition (offline, power above the limit, a probe failing) still holds: raises it if it is
    /// not open, otherwise only stops a pending recovery. Unlike <see cref="RaiseAsync"/> it never counts a repeat.
    /// </summary>
    public async Task HoldsAsync(AlertRaise raise, CancellationToken ct)
    {
        lock (_open)
        {
            if (_open.TryGetValue(raise.Key, out var open))
            {
                open.ClearingSince = null;
                return;
            }
        }

        await RaiseAsync(raise, ct);
    }

    /// <summary>Says the condition no longer holds; the alert resolves if it stays so for the hold time.</summary>
    public void Clear(string key)
    {
        lock (_open)
        {
            if (_open.TryGetValue(key, out var alert) && alert.ClearingSince is null)
            {
                alert.ClearingSince = time.GetUtcNow();
            }
        }
    }

    /// <summary>Resolves the alerts whose condition has stayed clear for the hold time. Called about once a second.</summary>
    public async Task ResolveHeldAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var hold = TimeSpan.FromSeconds(options.CurrentValue.RecoveryHoldSeconds);
        List<Alert> due;
        lock (_open)
        {
            due = [.. _open.Values.Where(a => a.ClearingSince is { } since && now - since >= hold)];
        }

        if (due.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            foreach (var alert in due)
            {
                db.Alerts.Attach(alert);
                alert.State = AlertState.Resolved;
                alert.ResolvedAt = now;
            }

            await db.SaveChangesAsync(ct);
            foreach (var alert in due)
            {
                lock (_open)
                {
                    _open.Remove(alert.Key);
                }

                LogResolved(logger, alert.Key, alert.Title);
                if (!maintenance.IsQuiet(alert.PlugId, alert.DeviceId))
                {
                    Announce(AlertNotice.Resolved, alert, now);
                }
                else
                {
                    Changed(alert);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<AlertView?> AcknowledgeAsync(long id, string user, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            Alert? alert;
            lock (_open)
            {
                alert = _open.Values.FirstOrDefault(a => a.Id == id);
            }

            if (alert is null)
            {
                return null;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            db.Alerts.Attach(alert);
            alert.State = AlertState.Acknowledged;
            alert.AcknowledgedAt ??= time.GetUtcNow();
            alert.AcknowledgedBy ??= user;
            await db.SaveChangesAsync(ct);
            return Changed(alert);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Open alerts as they are in memory, for the API's "active" view.</summary>
    public IReadOnlyList<AlertView> Open()
    {
        lock (_open)
        {
            return [.. _open.Values.OrderByDescending(a => a.Id).Select(AlertView.From)];
        }
    }

    public void Dispose() => _gate.Dispose();

    private AlertView Announce(AlertNotice notice, Alert alert, DateTimeOffset now)
    {
        var view = Changed(alert);
        _outbox.Writer.TryWrite(new AlertNotification(notice, view, now));
        return view;
    }

    private AlertView Changed(Alert alert)
    {
        var view = AlertView.From(alert);
        _changes.Writer.TryWrite(view);
        return view;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Key} raised ({Severity}): {Title}. {Cause}")]
    private static partial void LogRaised(ILogger logger, string key, AlertSeverity severity, string title, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Key} resolved: {Title}")]
    private static partial void LogResolved(ILogger logger, string key, string title);
}
