using Hub.Devices.Fleet.Events;
using Hub.Devices.Mqtt;
using Hub.Devices.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Fleet;

/// <summary>
/// Keeps every plug's live state and history from the events its plugs send: availability, relays, readings,
/// telemetry, reboots. Writes behind in small batches so a thousand chatty plugs cost one transaction a second.
/// </summary>
internal sealed partial class FleetStateWorker(
    PlugEventBus bus,
    PlugDirectory directory,
    FleetState fleet,
    FleetSignals signals,
    DatabaseMigrationState<DevicesDb> migrated,
    IServiceScopeFactory scopes,
    MqttMetrics metrics,
    TimeProvider time,
    ILogger<FleetStateWorker> logger) : BackgroundService
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RebootReasonGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SameReboot = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReasonInSameBurst = TimeSpan.FromSeconds(2);

    private readonly System.Threading.Channels.ChannelReader<PlugEvent> _events =
        bus.Subscribe("fleet-state", 50_000, BusBackPressure.Wait);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrated.Migrated.WaitAsync(stoppingToken);
        await directory.LoadAsync(stoppingToken);
        var states = await LoadStatesAsync(stoppingToken);
        var nextFlush = time.GetUtcNow() + FlushEvery;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The tick runs on the TimeProvider, so a test's fake clock decides when the batch is written.
                var wait = nextFlush - time.GetUtcNow();
                using var due = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time);
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, due.Token);
                try
                {
                    while (await _events.WaitToReadAsync(tick.Token))
                    {
                        while (_events.TryRead(out var evt))
                        {
                            Apply(evt, states);
                        }
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Time to write what changed.
                }

                await FlushAsync(stoppingToken);
                nextFlush = time.GetUtcNow() + FlushEvery;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogFlushFailed(logger, ex);
            }
        }

        await FlushAsync(CancellationToken.None);
    }

    private async Task<Dictionary<long, PlugState>> LoadStatesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        return await db.Plugs.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.State, ct);
    }

    private void Apply(PlugEvent evt, Dictionary<long, PlugState> loaded)
    {
        if (evt.PlugId == 0)
        {
            return;
        }

        var plug = fleet.GetOrAdd(evt.PlugId, id => new LivePlug(id, loaded.GetValueOrDefault(id) ?? new PlugState()));
        var state = plug.State;
        if (evt is not MalformedInput && evt.Source == PlugEventSource.Mqtt)
        {
            state.LastSeenAt = evt.At;
        }

        switch (evt)
        {
            case AvailabilityChanged availability when availability.Online != state.Online:
                state.Online = availability.Online;
                AddHistory(plug, evt, availability.Online ? PlugHistoryKind.CameOnline : PlugHistoryKind.WentOffline,
                    availability.Online ? "Connected to the broker" : "Disconnected (last will)");
                break;
            case RelayReported relay:
                if (!state.Relays.TryGetValue(relay.Channel, out var was) || was != relay.On)
                {
                    AddHistory(plug, evt, PlugHistoryKind.RelayChanged, $"Relay {relay.Channel} {(relay.On ? "on" : "off")}");
                }

                lock (plug.RelaysLock)
                {
                    state.Relays[relay.Channel] = relay.On;
                }

                break;
            case ReadingReported reading:
                state.VoltageV = reading.VoltageV ?? state.VoltageV;
                state.CurrentA = reading.CurrentA ?? state.CurrentA;
                state.PowerW = reading.PowerW ?? state.PowerW;
                state.EnergyCounterWh = reading.EnergyCounterWh ?? state.EnergyCounterWh;
                break;
            case TelemetryReported telemetry:
                if (telemetry.UptimeSeconds < state.UptimeSeconds)
                {
                    NoteReboot(plug, evt, null);
                }

                state.UptimeSeconds = telemetry.UptimeSeconds ?? state.UptimeSeconds;
                state.FreeHeapBytes = telemetry.FreeHeapBytes ?? state.FreeHeapBytes;
                state.RssiDbm = telemetry.RssiDbm ?? state.RssiDbm;
                ObserveBootCount(plug, evt, telemetry.BootCount);
                plug.Identity = new TelemetryIdentity(telemetry.Build ?? plug.Identity.Build, telemetry.Ip ?? plug.Identity.Ip,
                    telemetry.Mac ?? plug.Identity.Mac, telemetry.Chip ?? plug.Identity.Chip,
                    telemetry.OtaPartitionBytes ?? plug.Identity.OtaPartitionBytes);
                break;
            case BootReported boot:
                ObserveBootCount(plug, evt, boot.BootCount);
                state.LastRebootReason = boot.RebootReason;
                plug.RebootReasonSeen = true;
                plug.LastBootReportAt = evt.At;
                break;
            case MalformedInput malformed:
                state.MalformedMessages++;
                metrics.MalformedMessages.Add(1);
                // A broken plug can send garbage many times a second; one line a minute says enough.
                if (plug.MalformedLoggedAt is not { } logged || evt.At - logged >= TimeSpan.FromMinutes(1))
                {
                    plug.MalformedLoggedAt = evt.At;
                    LogMalformed(logger, evt.Topic, malformed.MqttTopic, malformed.Reason, state.MalformedMessages);
                }

                break;
        }

        plug.Dirty = true;
        fleet.Changed(plug);
    }

    private void ObserveBootCount(LivePlug plug, PlugEvent evt, int? count)
    {
        if (count is null)
        {
            return;
        }

        if (plug.State.BootCount is { } known && count != known)
        {
            NoteReboot(plug, evt, count);
        }

        plug.State.BootCount = count;
    }

    private void NoteReboot(LivePlug plug, PlugEvent evt, int? bootCount)
    {
        // One restart shows up in several messages of the plug's reconnect burst (uptime, boot count): count it once.
        if (plug.RebootDetectedAt is { } previous && evt.At - previous < SameReboot
            && (bootCount is null || plug.RebootBootCount is null || plug.RebootBootCount == bootCount))
        {
            plug.RebootBootCount ??= bootCount;
            return;
        }

        if (plug.RebootDetectedAt is not null)
        {
            AddRebootHistory(plug);
        }

        plug.RebootDetectedAt = evt.At;
        plug.RebootBootCount = bootCount;
        // OpenBeken-style plugs send the reason just before the boot count, in the same burst.
        plug.RebootReasonSeen = plug.LastBootReportAt is { } reported && evt.At - reported <= ReasonInSameBurst;
        signals.RebootDetected(new RebootDetected(plug.PlugId, evt.Topic, evt.At));
    }

    private static void AddRebootHistory(LivePlug plug)
    {
        plug.PendingHistory.Add(new PlugHistoryEntry
        {
            PlugId = plug.PlugId, At = plug.RebootDetectedAt!.Value, Kind = PlugHistoryKind.Rebooted, Actor = "plug",
            Detail = $"Rebooted: {plug.State.LastRebootReason ?? "reason unknown"}",
        });
        plug.RebootDetectedAt = null;
        plug.RebootBootCount = null;
    }

    private static void AddHistory(LivePlug plug, PlugEvent evt, PlugHistoryKind kind, string detail) =>
        plug.PendingHistory.Add(new PlugHistoryEntry { PlugId = plug.PlugId, At = evt.At, Kind = kind, Detail = detail, Actor = "plug" });

    private async Task FlushAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var plug in fleet.Dirty.Where(p => p.RebootDetectedAt is { } at && (p.RebootReasonSeen || now - at > RebootReasonGrace)).ToList())
        {
            AddRebootHistory(plug);
        }

        var dirty = fleet.Dirty.ToList();
        if (dirty.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var ids = dirty.Select(p => p.PlugId).ToList();
        var rows = await db.Plugs.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var plug in dirty)
        {
            if (rows.TryGetValue(plug.PlugId, out var row))
            {
                row.State = Copy(plug);
                row.FirmwareBuild = plug.Identity.Build ?? row.FirmwareBuild;
                row.Ip = plug.Identity.Ip ?? row.Ip;
                row.HttpEndpoint = HttpEndpoints.Follow(row.HttpEndpoint, plug.Identity.Ip);
                row.Mac = plug.Identity.Mac ?? row.Mac;
                row.Chip = plug.Identity.Chip ?? row.Chip;
                row.OtaPartitionBytes = plug.Identity.OtaPartitionBytes ?? row.OtaPartitionBytes;
            }

            db.PlugHistory.AddRange(plug.PendingHistory);
            plug.PendingHistory.Clear();
            plug.Dirty = plug.RebootDetectedAt is not null;
        }

        await db.SaveChangesAsync(ct);
    }

    private static PlugState Copy(LivePlug plug)
    {
        Dictionary<int, bool> relays;
        lock (plug.RelaysLock)
        {
            relays = new Dictionary<int, bool>(plug.State.Relays);
        }

        return Copy(plug.State, relays);
    }

    private static PlugState Copy(PlugState s, Dictionary<int, bool> relays) => new()
    {
        Online = s.Online, LastSeenAt = s.LastSeenAt, Relays = relays,
        UptimeSeconds = s.UptimeSeconds, FreeHeapBytes = s.FreeHeapBytes, RssiDbm = s.RssiDbm,
        LastRebootReason = s.LastRebootReason, BootCount = s.BootCount, PowerW = s.PowerW, VoltageV = s.VoltageV,
        CurrentA = s.CurrentA, EnergyCounterWh = s.EnergyCounterWh, MalformedMessages = s.MalformedMessages,
    };

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Plug {Plug} sent a malformed message on {MqttTopic}: {Reason} ({Count} so far; logged at most once a minute)")]
    private static partial void LogMalformed(ILogger logger, string plug, string mqttTopic, string reason, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing fleet state failed; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception ex);
}
