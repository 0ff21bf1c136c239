using Hub.Devices.Fleet.Events;
using Hub.Devices.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Fleet;

/// <summary>
/// Watches for broker outages. When the hub's connection returns, every adopted plug that was online before gets a
/// grace period to come back; those that do not are marked offline, recorded, and reported (users with 200+ OpenBeken
/// plugs report plugs that never return after a broker restart).
/// </summary>
public sealed partial class RecoveryWatcher(
    MqttLink link,
    FleetState fleet,
    PlugDirectory directory,
    PlugEventBus bus,
    FleetSignals signals,
    IServiceScopeFactory scopes,
    IOptions<RecoveryOptions> options,
    TimeProvider time,
    ILogger<RecoveryWatcher> logger) : BackgroundService
{
    public RecoveryReport? LastReport { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await link.Connected.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
            var epoch = link.ConnectionEpoch;
            (DateTimeOffset DisconnectedAt, DateTimeOffset ReconnectedAt, long[] Online)? waiting = null;
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (link.IsConnected && link.ConnectionEpoch != epoch)
                {
                    // Plugs keep their "online" flag through a broker outage (no last will is sent), so the flag still
                    // names every plug that was online before it.
                    epoch = link.ConnectionEpoch;
                    var reconnectedAt = link.LastConnectedAt ?? time.GetUtcNow();
                    waiting = (link.LastDisconnectedAt ?? reconnectedAt, reconnectedAt, OnlineAdoptedPlugs());
                    LogOutage(logger, waiting.Value.Online.Length);
                }
                else if (waiting is { } w && time.GetUtcNow() - w.ReconnectedAt >= TimeSpan.FromSeconds(options.Value.GraceSeconds))
                {
                    waiting = null;
                    await ReportAsync(w.DisconnectedAt, w.ReconnectedAt, w.Online, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private long[] OnlineAdoptedPlugs() => [.. directory.All
        .Where(p => p.Status == PlugStatus.Adopted && fleet.IsOnline(p.Id))
        .Select(p => p.Id)];

    private async Task ReportAsync(DateTimeOffset disconnectedAt, DateTimeOffset reconnectedAt, long[] before, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var notBack = before.Where(id => fleet.Find(id)?.State.LastSeenAt is not { } seen || seen < reconnectedAt).ToList();
        LastReport = new RecoveryReport(disconnectedAt, reconnectedAt, now, before.Length, notBack);
        LogReport(logger, before.Length, notBack.Count);
        if (notBack.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        foreach (var id in notBack)
        {
            if (directory.FindById(id) is not { } plug)
            {
                continue;
            }

            // No last will is sent when the broker itself goes away, so the plug still looks online: correct that.
            await bus.PublishAsync(new AvailabilityChanged
            {
                Topic = plug.Topic, PlugId = id, At = now, Online = false, Source = PlugEventSource.Hub,
            }, ct);
            db.PlugHistory.Add(new PlugHistoryEntry
            {
                PlugId = id, At = now, Kind = PlugHistoryKind.NotBackAfterOutage, Actor = "hub",
                Detail = $"Not back {options.Value.GraceSeconds} s after the broker connection returned",
            });
        }

        await db.SaveChangesAsync(ct);
        foreach (var id in notBack)
        {
            signals.NotBackAfterOutage(new PlugNotBack(id, directory.FindById(id)?.Topic ?? "", now));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker connection came back; waiting for {Plugs} adopted plugs to return")]
    private static partial void LogOutage(ILogger logger, int plugs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery check: {NotBack} of {Before} plugs did not come back")]
    private static partial void LogReport(ILogger logger, int before, int notBack);
}
