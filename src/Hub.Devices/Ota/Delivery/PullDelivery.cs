using Hub.Devices.Commands;
using Hub.Devices.Fleet;
using Hub.Devices.Ota.Rollouts;
using Hub.Devices.Protocols;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// Pull delivery: the plug is told a one-time URL on the hub (Tasmota <c>OtaUrl</c> + <c>Upgrade 1</c>, OpenBeken and our
/// firmware <c>ota_http</c>), downloads the image (Sending, with the bytes served as progress), writes it and restarts by
/// itself (Rebooting), and is judged by the build it reports after the restart (Verifying), as with push.
/// </summary>
public sealed class PullDelivery(
    PullGrants grants,
    PullLinks links,
    PlugDirectory directory,
    PlugCommander commander,
    OtaWatcher watcher,
    TimeProvider time,
    ILogger<PullDelivery> logger)
{
    /// <summary>How often a download in progress is looked at; the bytes reached are progress, not a trigger.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan ProgressWriteEvery = TimeSpan.FromSeconds(5);

    public async Task<DeliveryResult> DeliverAsync(PullJob job, Func<RolloutPlugState, Task> step, Func<long, Task> progress,
        CancellationToken ct)
    {
        var result = await AttemptAsync(job, step, progress, ct);
        // The attempt is over, so is its link; a hub that stops (ct) leaves it open for the resumed attempt.
        if (await grants.OpenForAttemptAsync(job.RolloutPlugId, job.Attempt, ct) is { } open)
        {
            await grants.SpendAsync(open.Id, ct);
        }

        return result;
    }

    private async Task<DeliveryResult> AttemptAsync(PullJob job, Func<RolloutPlugState, Task> step, Func<long, Task> progress,
        CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(job.Timeout);
        var phase = job.StartAt;
        var mark = job.Resumed ? 0 : watcher.Mark();
        var reportsRestarts = watcher.Find(job.PlugId).ReportsRestarts;
        var bytes = 0L;
        try
        {
            if (phase == RolloutPlugState.Sending)
            {
                var grant = await grants.OpenForAttemptAsync(job.RolloutPlugId, job.Attempt, timeout.Token);
                if (grant is null)
                {
                    // Also after a hub restart that came before the link was issued: the plug has none, so one is sent.
                    await step(phase);
                    var issued = await grants.IssueAsync(job.PlugId, job.Image, job.RolloutPlugId, job.Attempt, job.Timeout, timeout.Token);
                    var link = links.For(issued.Token, job.Image, job.Protocol);
                    if (!link.Usable)
                    {
                        await grants.SpendAsync(issued.Grant.Id, timeout.Token);
                        return DeliveryResult.Failed(link.Refusal!);
                    }

                    mark = watcher.Mark();
                    await TellAsync(job, link.Url, timeout.Token);
                    grant = issued.Grant;
                }

                var done = await DownloadedAsync(job, grant, mark, b => bytes = b, progress, timeout.Token);
                if (done is not null)
                {
                    return done;
                }

                phase = RolloutPlugState.Rebooting;
            }

            if (phase == RolloutPlugState.Rebooting)
            {
                // The plug writes the image and restarts on its own once it has the last byte.
                await step(phase);
                var after = await watcher.WaitAsync(job.PlugId, s => s.RestartedAfter(mark) || NewBuildSince(job, s, mark) || FailedSince(s, mark),
                    Timeout.InfiniteTimeSpan, timeout.Token);
                if (FailedSince(after!, mark) && !after!.RestartedAfter(mark))
                {
                    // The whole image came, and the plug's own checks (signature, chip, size) refused it.
                    return DeliveryResult.Failed($"refused by the plug: {after.OtaDetail ?? after.OtaState}");
                }

                phase = RolloutPlugState.Verifying;
            }

            await step(phase);
            var seen = await watcher.WaitAsync(job.PlugId, s => NewBuildSince(job, s, mark) || (!job.Resumed && s.BuildAfterReconnect(mark)
                && s.RestartedSince(mark, job.BootCountBefore, reportsRestarts)), Timeout.InfiniteTimeSpan, timeout.Token);
            return PushDelivery.Verdict(job.Image.ChipFamily, job.Image.Version, seen!.Build) with { OfflineSeconds = seen.OfflineSecondsAfter(mark) };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            var last = watcher.Find(job.PlugId);
            return phase switch
            {
                RolloutPlugState.Sending => DeliveryResult.Failed(
                    $"timeout after {job.Timeout.TotalSeconds:0} s while downloading ({bytes} of {job.Image.SizeBytes} bytes served)"),
                // A resumed plug that only ever reports its old build did not take the image.
                _ when job.Resumed && last.BuildSeq > 0 => DeliveryResult.Failed($"came back with the old build ({last.Build})", last.Build),
                _ when last.OfflineSeq > mark && last.OnlineSeq < last.OfflineSeq => DeliveryResult.Failed(PushDelivery.NeverCameBack),
                RolloutPlugState.Rebooting => DeliveryResult.Failed(PushDelivery.NeverCameBack),
                _ => DeliveryResult.Failed("came back but never reported its build"),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Pull OTA to {Plug} failed while {Phase}: {Error}", job.Topic, phase, ex.Message);
            return DeliveryResult.Failed($"{phase.ToString().ToLowerInvariant()} failed: {ex.Message}");
        }
    }

    private static bool NewBuildSince(PullJob job, PlugSightings s, long mark) =>
        s.BuildSeq > mark && FirmwareVersion.Same(FirmwareVersion.Of(s.Build), job.Image.Version);

    /// <summary>The plug reported a failed OTA (our firmware's and OpenBeken's <c>&lt;T&gt;/ota</c>) since the link was sent.</summary>
    private static bool FailedSince(PlugSightings s, long mark) => s.OtaSeq > mark && s.OtaState is "failed" or "error";

    private async Task TellAsync(PullJob job, string url, CancellationToken ct)
    {
        var plug = directory.FindById(job.PlugId) ?? throw new InvalidOperationException($"plug {job.PlugId} is not in the directory");
        logger.LogInformation("Pull OTA: telling {Plug} to download {Version}", job.Topic, job.Image.Version);
        if (job.Protocol == PlugProtocolKind.Tasmota)
        {
            await commander.SendWithoutConfirmationAsync(plug, new ConsoleCommand("OtaUrl", url), ct);
            await commander.SendWithoutConfirmationAsync(plug, new ConsoleCommand("Upgrade", "1"), ct);
        }
        else
        {
            await commander.SendWithoutConfirmationAsync(plug, new ConsoleCommand("ota_http", url), ct);
        }
    }

    /// <summary>
    /// Null once a download reached the last byte; a verdict when the plug settled it otherwise: it reported a failed
    /// OTA, or it is already back on the new build (the hub missed the end of the download, e.g. it was restarted).
    /// </summary>
    private async Task<DeliveryResult?> DownloadedAsync(PullJob job, PullGrant grant, long mark, Action<long> seen,
        Func<long, Task> progress, CancellationToken ct)
    {
        var reported = -1L;
        var reportedAt = DateTimeOffset.MinValue;
        while (true)
        {
            var (bytes, completed) = await grants.ProgressAsync(grant.Id, ct);
            seen(bytes);
            var s = watcher.Find(job.PlugId);
            var verdict = completed ? null
                : NewBuildSince(job, s, mark) ? PushDelivery.Verdict(job.Image.ChipFamily, job.Image.Version, s.Build)
                : FailedSince(s, mark) ? DeliveryResult.Failed($"refused by the plug: {s.OtaDetail ?? s.OtaState}")
                : null;
            var settled = completed || verdict is not null;
            // Progress is a row update: at most every few seconds per plug, so 200 slow downloads do not write 200 rows
            // a second; the count the download ended with is always written.
            if (bytes != reported && (settled || time.GetUtcNow() - reportedAt >= ProgressWriteEvery))
            {
                await progress(bytes);
                reported = bytes;
                reportedAt = time.GetUtcNow();
            }

            if (settled)
            {
                return verdict;
            }

            await Task.Delay(ProgressEvery, time, ct);
        }
    }
}
