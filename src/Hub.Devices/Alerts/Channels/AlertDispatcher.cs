using Hub.Devices.Fleet;
using Hub.Devices.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Alerts.Channels;

/// <summary>
/// Delivers each notification to every channel whose routing accepts it, all channels at once so a slow webhook
/// does not hold up the e-mail. A failed delivery is logged (never with its secrets) and not retried here: the
/// webhook client already retried with back-off.
/// </summary>
public sealed partial class AlertDispatcher(
    AlertCenter alerts,
    IEnumerable<IAlertSender> senders,
    IServiceScopeFactory scopes,
    DatabaseMigrationState<DevicesDb> migrated,
    TimeProvider time,
    ILogger<AlertDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan ChannelsFresh = TimeSpan.FromSeconds(30);

    private readonly Dictionary<AlertChannelKind, IAlertSender> _senders = senders.ToDictionary(s => s.Kind);
    private List<AlertChannel> _channels = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    /// <summary>Channels changed: read them again before the next delivery.</summary>
    public void Reload() => _loadedAt = DateTimeOffset.MinValue;

    /// <summary>The channel's test button: a sample notification sent now, ignoring routing and quiet hours.</summary>
    public async Task<ChannelTestResult?> TestAsync(long channelId, string user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var channel = await scope.ServiceProvider.GetRequiredService<DevicesDb>().AlertChannels.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == channelId, ct);
        if (channel is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var sample = new AlertView(0, "test", "Test", AlertSeverity.Info, AlertState.Active, null, null,
            $"Test of channel '{channel.Name}'", $"Sent by {user} from the hub's test button", 1, now, now, null, null, null);
        try
        {
            await _senders[channel.Kind].SendAsync(channel, new AlertNotification(AlertNotice.Test, sample, now), ct);
            return new ChannelTestResult(true, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogFailed(logger, channel.Name, channel.Kind, ex.Message);
            return new ChannelTestResult(false, ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrated.Migrated.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var notification = await alerts.Notifications.ReadAsync(stoppingToken);
                await DeliverAsync(notification, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogDispatchFailed(logger, ex);
            }
        }
    }

    private async Task DeliverAsync(AlertNotification notification, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var now = time.GetUtcNow();
        if (now - _loadedAt > ChannelsFresh)
        {
            _channels = await db.AlertChannels.AsNoTracking().Where(c => c.Enabled).ToListAsync(ct);
            _loadedAt = now;
        }

        List<string> tags = [];
        if (notification.Alert.PlugId is { } plugId)
        {
            tags = await db.Plugs.AsNoTracking().Where(p => p.Id == plugId).Select(p => p.Tags).FirstOrDefaultAsync(ct) ?? [];
        }

        var targets = _channels.Where(c => AlertRouting.Accepts(c, notification, tags, now)).ToList();
        await Task.WhenAll(targets.Select(c => SendOneAsync(c, notification, ct)));
    }

    private async Task SendOneAsync(AlertChannel channel, AlertNotification notification, CancellationToken ct)
    {
        try
        {
            await _senders[channel.Kind].SendAsync(channel, notification, ct);
            LogDelivered(logger, notification.Alert.Key, notification.Notice, channel.Name);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogFailed(logger, channel.Name, channel.Kind, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Key} ({Notice}) delivered to channel {Channel}")]
    private static partial void LogDelivered(ILogger logger, string key, AlertNotice notice, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering to alert channel {Channel} ({Kind}) failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string channel, AlertChannelKind kind, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatching an alert failed; continuing")]
    private static partial void LogDispatchFailed(ILogger logger, Exception ex);
}
