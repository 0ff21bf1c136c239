using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Api.Live;

/// <summary>
/// Pushes plug changes to browsers, coalesced to one message a second with at most one entry per plug, so a
/// thousand plugs reporting every second cost the browser one small message, not a thousand.
/// </summary>
internal sealed class LiveNotifier(
    PlugEventBus bus,
    FleetState fleet,
    IHubContext<LiveHub, ILiveClient> hub,
    TimeProvider time,
    ILogger<LiveNotifier> logger) : BackgroundService
{
    private readonly System.Threading.Channels.ChannelReader<PlugEvent> _events =
        bus.Subscribe("live", 10_000, BusBackPressure.DropOldest);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changed = new HashSet<long>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        var collect = CollectAsync(changed, stoppingToken);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                long[] plugs;
                lock (changed)
                {
                    plugs = [.. changed];
                    changed.Clear();
                }

                if (plugs.Length == 0)
                {
                    continue;
                }

                try
                {
                    await hub.Clients.All.PlugsChanged(plugs.Select(Snapshot).OfType<PlugLiveUpdate>().ToList());
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Pushing live updates failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await collect;
    }

    private async Task CollectAsync(HashSet<long> changed, CancellationToken ct)
    {
        try
        {
            await foreach (var evt in _events.ReadAllAsync(ct))
            {
                if (evt.PlugId != 0)
                {
                    lock (changed)
                    {
                        changed.Add(evt.PlugId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private PlugLiveUpdate? Snapshot(long plugId) => fleet.Find(plugId)?.State is not { } s ? null
        : new PlugLiveUpdate(plugId, s.Online, fleet.RelaysOf(plugId), s.PowerW, s.VoltageV, s.CurrentA,
            s.EnergyCounterWh, s.UptimeSeconds, s.RssiDbm, s.LastRebootReason, s.LastSeenAt);
}
