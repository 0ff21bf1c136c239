using Hub.Devices.Fleet;
using Hub.Devices.Ota.Delivery;
using Hub.Devices.Ota.Library;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Ota.Rollouts;

/// <summary>Previews, creates and steers rollouts; the <see cref="RolloutWorker"/> does the driving.</summary>
public sealed class RolloutService(DevicesDb db, RolloutTracker tracker, TimeProvider time, ILogger<RolloutService> logger)
{
    private static readonly RolloutStatus[] Open = [RolloutStatus.Running, RolloutStatus.Paused];

    public async Task<IReadOnlyList<PlugVerdict>?> PreviewAsync(long firmwareId, RolloutTarget target, bool force, CancellationToken ct,
        OtaDelivery delivery = OtaDelivery.Auto)
    {
        var image = await db.FirmwareImages.AsNoTracking().FirstOrDefaultAsync(i => i.Id == firmwareId, ct);
        return image is null ? null : await VerdictsAsync(image, target, force, delivery, ct);
    }

    public async Task<RolloutCreation> CreateAsync(RolloutSpec spec, string actor, CancellationToken ct)
    {
        var image = await db.FirmwareImages.AsNoTracking().FirstOrDefaultAsync(i => i.Id == spec.FirmwareId, ct);
        if (image is null)
        {
            return new RolloutCreation(null, [], $"No firmware image {spec.FirmwareId}.", FirmwareMissing: true);
        }

        if (!image.Trusted)
        {
            return new RolloutCreation(null, [], $"Image {image.Sha256} is not trusted: an admin must mark it trusted first.");
        }

        var verdicts = await VerdictsAsync(image, spec.Target, spec.Force, spec.Delivery, ct);
        var chosen = verdicts.Where(v => v.Compatible).ToList();
        if (chosen.Count == 0)
        {
            return new RolloutCreation(null, verdicts, "No targeted plug is compatible with the image.");
        }

        if (RolloutRules.Waves(spec.Waves, chosen.Count) is not { } waves)
        {
            return new RolloutCreation(null, verdicts, "Waves are plug counts (\"1\"), percentages (\"10%\") or \"rest\".");
        }

        if (spec.WindowCron is not null && !MaintenanceWindow.IsValid(spec.WindowCron, spec.WindowTimeZone))
        {
            return new RolloutCreation(null, verdicts, "The maintenance window needs a Quartz cron expression and a known time zone.");
        }

        var rollout = new Rollout
        {
            Name = spec.Name, FirmwareImageId = image.Id, Status = RolloutStatus.Running, WaveSizes = waves,
            SuccessThresholdPercent = spec.SuccessThresholdPercent, ErrorThresholdPercent = spec.ErrorThresholdPercent,
            MaxConcurrency = spec.MaxConcurrency, PlugTimeoutSeconds = spec.PlugTimeoutSeconds, MaxAttempts = spec.MaxAttempts,
            Force = spec.Force, Delivery = spec.Delivery, CreatedBy = actor, CreatedAt = time.GetUtcNow(),
            WindowCron = spec.WindowCron, WindowMinutes = spec.WindowMinutes, WindowTimeZone = spec.WindowTimeZone,
            AbortAfterFinished = spec.AbortAfterFinished, AbortFailedPercent = spec.AbortFailedPercent, RatePerMinute = spec.RatePerMinute,
            RateIncrementFactor = spec.RateIncrementFactor, RateIncreaseAfterSuccesses = spec.RateIncreaseAfterSuccesses,
        };
        // Known now, so the first look at the new rollout already says it holds.
        rollout.Holding = RolloutRules.HoldReason(rollout, time.GetUtcNow());
        // One transaction: the worker must never see the rollout without its plugs (an empty wave looks finished).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Rollouts.Add(rollout);
        await db.SaveChangesAsync(ct);
        var index = 0;
        for (var wave = 0; wave < waves.Count; wave++)
        {
            foreach (var verdict in chosen.Skip(index).Take(waves[wave]))
            {
                db.RolloutPlugs.Add(new RolloutPlug { RolloutId = rollout.Id, PlugId = verdict.PlugId, Topic = verdict.Topic, Wave = wave });
            }

            index += waves[wave];
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Rollout {Rollout} of {Version} to {Count} plugs in waves {Waves} created by {Actor}",
            rollout.Id, image.Version, chosen.Count, string.Join('/', waves), actor);
        tracker.Wake();
        return new RolloutCreation(rollout, verdicts, null);
    }

    public async Task<RolloutView?> GetAsync(long id, CancellationToken ct)
    {
        var rollout = await db.Rollouts.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rollout is null)
        {
            return null;
        }

        var plugs = await db.RolloutPlugs.AsNoTracking().Where(p => p.RolloutId == id).OrderBy(p => p.Wave).ThenBy(p => p.Id).ToListAsync(ct);
        var waves = rollout.WaveSizes.Select((size, wave) => new WaveView(wave, size, Count(plugs.Where(p => p.Wave == wave)))).ToList();
        return new RolloutView(rollout.Id, rollout.Name, rollout.FirmwareImageId, rollout.Status, rollout.PauseReason, rollout.Holding, rollout.CurrentWave,
            waves, Count(plugs), plugs, rollout.CreatedAt, rollout.FinishedAt);
    }

    public Task<RolloutActionResult> PauseAsync(long id, CancellationToken ct) => ActAsync(id, (rollout, _) =>
    {
        rollout.Status = RolloutStatus.Paused;
        rollout.PauseReason = "paused by hand";
    }, ct);

    public Task<RolloutActionResult> ResumeAsync(long id, CancellationToken ct) => ActAsync(id, (rollout, plugs) =>
    {
        rollout.Status = RolloutStatus.Running;
        rollout.PauseReason = null;
        // The failures the admin has seen do not pause it again; new ones do.
        rollout.AcknowledgedFailures = plugs.Count(p => p.State == RolloutPlugState.Failed);
    }, ct);

    public Task<RolloutActionResult> AbortAsync(long id, CancellationToken ct) => ActAsync(id, (rollout, plugs) =>
    {
        rollout.Status = RolloutStatus.Aborted;
        rollout.FinishedAt = time.GetUtcNow();
        foreach (var plug in plugs.Where(p => p.State == RolloutPlugState.Queued))
        {
            plug.State = RolloutPlugState.Cancelled;
        }
    }, ct);

    public Task<RolloutActionResult> RetryFailedAsync(long id, CancellationToken ct) => ActAsync(id, (rollout, plugs) =>
    {
        foreach (var plug in plugs.Where(p => p.State == RolloutPlugState.Failed))
        {
            plug.State = RolloutPlugState.Queued;
            plug.Attempts = 0;
            plug.Reason = null;
        }

        rollout.AcknowledgedFailures = 0;
    }, ct);

    private async Task<RolloutActionResult> ActAsync(long id, Action<Rollout, List<RolloutPlug>> change, CancellationToken ct)
    {
        var rollout = await db.Rollouts.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rollout is null)
        {
            return RolloutActionResult.NotFound;
        }

        if (!Open.Contains(rollout.Status))
        {
            return RolloutActionResult.Finished;
        }

        var plugs = await db.RolloutPlugs.Where(p => p.RolloutId == id).ToListAsync(ct);
        var before = plugs.ToDictionary(p => p.Id, p => p.State);
        change(rollout, plugs);
        await db.SaveChangesAsync(ct);
        tracker.Wake();
        tracker.Publish(RolloutChanged.Of(rollout, time.GetUtcNow()));
        // Cancelled by an abort or queued again by a retry: dashboards hear of it like of any other step.
        foreach (var plug in plugs.Where(p => p.State != before[p.Id]))
        {
            tracker.Publish(RolloutPlugChanged.Of(plug, time.GetUtcNow()));
        }
        return RolloutActionResult.Done;
    }

    private async Task<List<PlugVerdict>> VerdictsAsync(FirmwareImage image, RolloutTarget target, bool force, OtaDelivery delivery,
        CancellationToken ct)
    {
        var query = db.Plugs.AsNoTracking();
        if (target.PlugIds is { Count: > 0 } ids)
        {
            query = query.Where(p => ids.Contains(p.Id));
        }
        else
        {
            query = query.Where(p => p.Status == PlugStatus.Adopted);
        }

        if (!string.IsNullOrEmpty(target.Group))
        {
            query = query.Where(p => p.Group == target.Group);
        }

        var plugs = (await query.OrderBy(p => p.Id).ToListAsync(ct))
            .Where(p => target.Tag is null || p.Tags.Contains(target.Tag, StringComparer.OrdinalIgnoreCase)).ToList();
        var busy = await db.RolloutPlugs.AsNoTracking()
            .Where(rp => db.Rollouts.Any(r => r.Id == rp.RolloutId && Open.Contains(r.Status)))
            .Where(rp => rp.State != RolloutPlugState.Succeeded && rp.State != RolloutPlugState.Failed && rp.State != RolloutPlugState.Cancelled)
            .Select(rp => new { rp.PlugId, rp.RolloutId }).ToListAsync(ct);
        var busyIn = busy.GroupBy(b => b.PlugId).ToDictionary(g => g.Key, g => g.First().RolloutId);
        return plugs.Select(p => Compatibility.Check(p, image, force, busyIn.TryGetValue(p.Id, out var other) ? other : null, delivery)).ToList();
    }

    private static Dictionary<RolloutPlugState, int> Count(IEnumerable<RolloutPlug> plugs) =>
        plugs.GroupBy(p => p.State).ToDictionary(g => g.Key, g => g.Count());
}
