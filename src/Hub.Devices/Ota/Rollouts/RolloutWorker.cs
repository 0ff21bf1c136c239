using System.Collections.Concurrent;
using Hub.Devices.Fleet;
using Hub.Devices.Ota.Delivery;
using Hub.Devices.Ota.Library;
using Hub.Devices.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Ota.Rollouts;

/// <summary>
/// Drives every running rollout on the server: advances waves, pauses at the error threshold, starts plugs up to the
/// concurrency limit. Each step is written before it is taken, so after a restart the plugs that were in flight are
/// re-checked and never sent the image a second time.
/// </summary>
internal sealed class RolloutWorker(
    IServiceScopeFactory scopes,
    DatabaseMigrationState<DevicesDb> migrated,
    RolloutTracker tracker,
    PushDelivery delivery,
    PullDelivery pull,
    OtaWatcher watcher,
    FirmwareLibrary library,
    TimeProvider time,
    ILogger<RolloutWorker> logger) : BackgroundService
{
    private static readonly RolloutPlugState[] InFlight =
        [RolloutPlugState.Sending, RolloutPlugState.Flashing, RolloutPlugState.Rebooting, RolloutPlugState.Verifying];

    private readonly ConcurrentDictionary<long, Task> _runs = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrated.Migrated.WaitAsync(stoppingToken);
        await RecoverAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TickAsync(stoppingToken);
                await tracker.WaitForWakeAsync(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Driving rollouts failed; trying again");
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }

        await Task.WhenAll(_runs.Values);
    }

    /// <summary>Rows in flight at start are plugs the previous run of the hub left in the middle: re-check each once.</summary>
    private async Task RecoverAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var left = await db.RolloutPlugs.AsNoTracking().Where(p => InFlight.Contains(p.State)).ToListAsync(ct);
        foreach (var plug in left)
        {
            logger.LogInformation("Rollout {Rollout}: re-checking {Plug}, left {State} by the previous run", plug.RolloutId, plug.Topic, plug.State);
            Launch(plug.RolloutId, plug, resumed: true);
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        // Completed and aborted rollouts start nothing more; plugs an abort left in flight finish on their own runs.
        var rollouts = await db.Rollouts.Where(r => r.Status == RolloutStatus.Running || r.Status == RolloutStatus.Paused).ToListAsync(ct);
        foreach (var rollout in rollouts)
        {
            var plugs = await db.RolloutPlugs.Where(p => p.RolloutId == rollout.Id).OrderBy(p => p.Wave).ThenBy(p => p.Id).ToListAsync(ct);
            var started = new List<RolloutPlug>();
            var queued = plugs.Where(p => p.State == RolloutPlugState.Queued).ToList();
            // Compared without a time, so that equal states compare equal.
            var before = RolloutChanged.Of(rollout, default);
            RolloutRules.Evaluate(rollout, plugs, time.GetUtcNow());
            rollout.Holding = RolloutRules.HoldReason(rollout, time.GetUtcNow());
            if (rollout.Status == RolloutStatus.Running && rollout.Holding is null)
            {
                // Only plugs this run of the hub has seen online start: one still reconnecting after a hub restart would
                // take the image over HTTP and then be judged by the reconnect, and its boot count is not known yet.
                // An offline plug waits in the queue until it is back.
                var free = Math.Min(rollout.MaxConcurrency - plugs.Count(p => InFlight.Contains(p.State)),
                    RolloutRules.StartsAllowed(rollout, plugs, time.GetUtcNow()));
                foreach (var next in plugs.Where(p => p.State == RolloutPlugState.Queued && p.Wave <= rollout.CurrentWave
                             && !tracker.IsInRollout(p.PlugId) && watcher.Find(p.PlugId).IsOnline).Take(Math.Max(free, 0)))
                {
                    next.State = RolloutPlugState.Sending;
                    next.Attempts++;
                    next.StartedAt = time.GetUtcNow();
                    next.BootCountBefore = watcher.Find(next.PlugId).BootCount;
                    var target = await db.Plugs.AsNoTracking().FirstAsync(p => p.Id == next.PlugId, ct);
                    next.PreviousBuild = target.FirmwareBuild;
                    next.Delivery = DeliveryChoice.For(target, rollout.Delivery).Delivery;
                    started.Add(next);
                }
            }

            // Written before any plug is touched: a crash from here on finds these plugs in flight.
            await db.SaveChangesAsync(ct);
            if (RolloutChanged.Of(rollout, default) != before)
            {
                tracker.Publish(RolloutChanged.Of(rollout, time.GetUtcNow()));
            }

            foreach (var cancelled in queued.Where(p => p.State == RolloutPlugState.Cancelled))
            {
                Publish(cancelled);
            }

            foreach (var plug in started)
            {
                Launch(rollout.Id, plug, resumed: false);
            }
        }
    }

    private void Launch(long rolloutId, RolloutPlug plug, bool resumed)
    {
        tracker.TryEnter(plug.PlugId, rolloutId);
        _runs[plug.Id] = Task.Run(async () =>
        {
            try
            {
                await RunAsync(rolloutId, plug.Id, resumed ? plug.State : RolloutPlugState.Sending, resumed);
            }
            catch (OperationCanceledException)
            {
                // The hub is stopping: the row keeps the step, and the next start re-checks the plug.
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Rollout {Rollout}: running plug {Plug} failed", rolloutId, plug.Topic);
            }
            finally
            {
                tracker.Leave(plug.PlugId);
                _runs.TryRemove(plug.Id, out _);
                tracker.Wake();
            }
        });
    }

    private async Task RunAsync(long rolloutId, long rolloutPlugId, RolloutPlugState startAt, bool resumed)
    {
        var ct = StoppingToken;
        while (true)
        {
            PushJob? job = null;
            PullJob? pullJob = null;
            int attempts, maxAttempts;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
                var row = await db.RolloutPlugs.AsNoTracking().SingleAsync(p => p.Id == rolloutPlugId, ct);
                var rollout = await db.Rollouts.AsNoTracking().SingleAsync(r => r.Id == rolloutId, ct);
                var image = await db.FirmwareImages.AsNoTracking().SingleAsync(i => i.Id == rollout.FirmwareImageId, ct);
                var plug = await db.Plugs.AsNoTracking().SingleAsync(p => p.Id == row.PlugId, ct);
                var timeout = TimeSpan.FromSeconds(rollout.PlugTimeoutSeconds);
                if (row.Delivery == OtaDelivery.Pull)
                {
                    pullJob = new PullJob(row.Id, row.Attempts, plug.Id, plug.Topic, plug.Protocol, image, timeout, startAt, resumed, row.BootCountBefore);
                }
                else if (PushTarget.Of(plug) is not { } target)
                {
                    await FinishAsync(rolloutPlugId, DeliveryResult.Failed("no HTTP address known for the plug"), ct);
                    return;
                }
                else
                {
                    job = new PushJob(plug.Id, plug.Topic, target, library.PathOf(image), image.Version, image.ChipFamily,
                        timeout, startAt, resumed, row.BootCountBefore);
                }

                attempts = row.Attempts;
                maxAttempts = rollout.MaxAttempts;
            }

            var topic = job?.Topic ?? pullJob!.Topic;
            var plugId = job?.PlugId ?? pullJob!.PlugId;
            var result = job is not null
                ? await delivery.DeliverAsync(job, state => StepAsync(rolloutPlugId, state, ct), ct)
                : await pull.DeliverAsync(pullJob!, state => StepAsync(rolloutPlugId, state, ct),
                    bytes => UpdateAsync(rolloutPlugId, p => p.SetProperty(x => x.BytesServed, bytes), ct, publish: false), ct);
            if (result.Succeeded || attempts >= maxAttempts || result.Reason == PushDelivery.Interrupted)
            {
                await FinishAsync(rolloutPlugId, result, ct);
                logger.LogInformation("Rollout {Rollout}: {Plug} {Outcome}: {Detail}", rolloutId, topic,
                    result.Succeeded ? "succeeded" : "failed", result.Succeeded ? result.ReportedBuild : result.Reason);
                return;
            }

            logger.LogWarning("Rollout {Rollout}: {Plug} attempt {Attempt} failed ({Reason}); trying again", rolloutId, topic, attempts, result.Reason);
            var boots = watcher.Find(plugId).BootCount;
            await UpdateAsync(rolloutPlugId, p => p.SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.Reason, result.Reason)
                .SetProperty(x => x.BootCountBefore, boots), ct);
            (startAt, resumed) = (RolloutPlugState.Sending, false);
        }
    }

    private CancellationToken StoppingToken => _stopping.Token;

    private readonly CancellationTokenSource _stopping = new();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    private void Publish(RolloutPlug row) =>
        tracker.Publish(RolloutPlugChanged.Of(row, time.GetUtcNow()));

    private Task StepAsync(long id, RolloutPlugState state, CancellationToken ct) =>
        UpdateAsync(id, p => p.SetProperty(x => x.State, state), ct);

    private Task FinishAsync(long id, DeliveryResult result, CancellationToken ct) =>
        UpdateAsync(id, p => p
            .SetProperty(x => x.State, result.Succeeded ? RolloutPlugState.Succeeded : RolloutPlugState.Failed)
            .SetProperty(x => x.Reason, result.Reason)
            .SetProperty(x => x.ReportedBuild, result.ReportedBuild)
            .SetProperty(x => x.OfflineSeconds, result.OfflineSeconds)
            .SetProperty(x => x.FinishedAt, time.GetUtcNow()), ct);

    private async Task UpdateAsync(long id,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<RolloutPlug>> set, CancellationToken ct, bool publish = true)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        await db.RolloutPlugs.Where(p => p.Id == id).ExecuteUpdateAsync(set, ct);
        if (!publish)
        {
            // Download progress: no step, so neither the worker nor dashboards need waking for it.
            return;
        }

        tracker.Wake();
        if (await db.RolloutPlugs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } row)
        {
            Publish(row);
        }
    }
}
