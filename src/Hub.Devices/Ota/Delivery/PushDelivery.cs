using Hub.Devices.Ota.Rollouts;
using Hub.Devices.Protocols.OpenBeken;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// Push delivery to our firmware and OpenBeken: <c>POST /api/ota</c> with the image, <c>POST /api/reboot</c>, then the
/// build the plug reports after it restarted. Only that report counts as success; any exception is a failure.
/// </summary>
public sealed class PushDelivery(OtaWatcher watcher, TimeProvider time, ILogger<PushDelivery> logger)
{
    public const string Interrupted = "interrupted by a hub restart during the transfer; not sent again";

    /// <summary>
    /// How long a resumed plug that still reports its old build gets to restart on its own: the previous run may have
    /// asked it to reboot moments before it stopped (OpenBeken and our firmware wait 3 s before they do), and a second
    /// reboot request that lands on the new image before it reached MQTT makes the plug roll back to the old build.
    /// </summary>
    public static readonly TimeSpan PendingRebootGrace = TimeSpan.FromSeconds(20);

    public async Task<DeliveryResult> DeliverAsync(PushJob job, Func<RolloutPlugState, Task> step, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(job.Timeout);
        var phase = job.StartAt;
        var mark = 0L;
        var reportsRestarts = false;
        try
        {
            if (job.Resumed && phase != RolloutPlugState.Verifying)
            {
                // What the plug reports after the hub's restart decides; the image is never sent again.
                var first = await FirstReportAsync(job, timeout.Token);
                if (FirmwareVersion.Same(FirmwareVersion.Of(first.Build), job.Version)
                    || (phase != RolloutPlugState.Sending && job.BootCountBefore is { } before && first.BootCount > before))
                {
                    // On the new build, or restarted since it had the whole image (then its build is the verdict too).
                    return Verdict(job, first.Build);
                }

                if (phase == RolloutPlugState.Sending)
                {
                    return DeliveryResult.Failed(Interrupted, first.Build);
                }

                mark = watcher.Mark();
                reportsRestarts = first.ReportsRestarts;
                var restarted = await watcher.WaitAsync(job.PlugId, s => s.RestartedAfter(mark), PendingRebootGrace, timeout.Token);
                // The whole image was sent: the plug may hold it verified and only miss its reboot.
                phase = restarted is null ? RolloutPlugState.Rebooting : RolloutPlugState.Verifying;
            }

            if (phase == RolloutPlugState.Sending)
            {
                await step(phase);
                var reply = await SendWithOneBusyRetryAsync(job, () => step(phase = RolloutPlugState.Flashing), timeout.Token);
                if (!reply.Ok)
                {
                    return DeliveryResult.Failed($"refused by the plug: {reply.Message}");
                }

                phase = RolloutPlugState.Rebooting;
            }

            if (phase == RolloutPlugState.Rebooting)
            {
                await step(phase);
                mark = watcher.Mark();
                reportsRestarts = watcher.Find(job.PlugId).ReportsRestarts;
                var reboot = await PlugHttp.PostAsync(job.Target, "/api/reboot", timeout.Token);
                if (!reboot.Ok)
                {
                    return DeliveryResult.Failed($"reboot refused: {reboot.Message}");
                }

                await watcher.WaitAsync(job.PlugId, s => s.RestartedAfter(mark), Timeout.InfiniteTimeSpan, timeout.Token);
                phase = RolloutPlugState.Verifying;
            }

            await step(phase);
            var seen = await watcher.WaitAsync(job.PlugId,
                s => (s.BuildSeq > mark && FirmwareVersion.Same(FirmwareVersion.Of(s.Build), job.Version))
                    || (s.BuildAfterReconnect(mark) && s.RestartedSince(mark, job.BootCountBefore, reportsRestarts)),
                Timeout.InfiniteTimeSpan, timeout.Token);
            return Verdict(job, seen!.Build) with { OfflineSeconds = seen.OfflineSecondsAfter(mark) };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            var lastSeen = watcher.Find(job.PlugId);
            return DeliveryResult.Failed(phase switch
            {
                _ when job.Resumed && lastSeen.BuildSeq == 0 => NeverCameBack,
                RolloutPlugState.Sending => $"timeout after {job.Timeout.TotalSeconds:0} s while sending",
                RolloutPlugState.Flashing => $"timeout after {job.Timeout.TotalSeconds:0} s waiting for the plug to verify the image",
                RolloutPlugState.Rebooting => NeverCameBack,
                // Gone offline for the reboot and not back since: it never came back.
                _ when lastSeen.OfflineSeq > mark && lastSeen.OnlineSeq < lastSeen.OfflineSeq => NeverCameBack,
                _ => "came back but never reported its build",
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("OTA to {Plug} failed while {Phase}: {Error}", job.Topic, phase, ex.Message);
            return DeliveryResult.Failed($"{phase.ToString().ToLowerInvariant()} failed: {ex.Message}");
        }
    }

    public const string NeverCameBack = "never came back after the reboot";

    /// <summary>
    /// A plug that is busy (all its connections taken, or just restarting its server) closes a new connection before
    /// it reads anything. If it never said it started (no OTA progress since), nothing was written: one more try is safe.
    /// </summary>
    private async Task<PlugHttpReply> SendWithOneBusyRetryAsync(PushJob job, Func<Task> bodySent, CancellationToken ct)
    {
        var mark = watcher.Mark();
        try
        {
            return await SendImageAsync(job, bodySent, ct);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException && watcher.Find(job.PlugId).OtaSeq <= mark)
        {
            logger.LogInformation("{Plug} closed the upload before starting it ({Error}); trying once more", job.Topic, ex.Message);
            await Task.Delay(TimeSpan.FromSeconds(2), time, ct);
            return await SendImageAsync(job, bodySent, ct);
        }
    }

    private static async Task<PlugHttpReply> SendImageAsync(PushJob job, Func<Task> bodySent, CancellationToken ct)
    {
        await using var image = File.OpenRead(job.ImagePath);
        return await PlugHttp.PostAsync(job.Target, "/api/ota", image, image.Length, bodySent, ct);
    }

    /// <summary>
    /// After a restart of the hub: the first build (and boot count, from plugs that report one) the plug reports once it
    /// is back on the broker. A plug on trial after its reboot must not be restarted again before it reports (that would
    /// roll it back), so this waits.
    /// </summary>
    private async Task<PlugSightings> FirstReportAsync(PushJob job, CancellationToken ct) =>
        (await watcher.WaitAsync(job.PlugId, s => s.BuildSeq > 0 && (job.BootCountBefore is null || s.BootCount is not null),
            Timeout.InfiniteTimeSpan, ct))!;

    internal static DeliveryResult Verdict(PushJob job, string? build) => Verdict(job.Chip, job.Version, build);

    internal static DeliveryResult Verdict(string expectedChip, string version, string? build)
    {
        if (OpenBekenValues.ChipOf(build ?? string.Empty) is { } chip && !string.Equals(chip, expectedChip, StringComparison.OrdinalIgnoreCase))
        {
            return DeliveryResult.Failed($"came back with another chip ({chip})", build);
        }

        return FirmwareVersion.Same(FirmwareVersion.Of(build), version)
            ? new DeliveryResult(true, null, build)
            : DeliveryResult.Failed($"came back with the old build ({build})", build);
    }
}
