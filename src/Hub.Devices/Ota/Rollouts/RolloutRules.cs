namespace Hub.Devices.Ota.Rollouts;

/// <summary>
/// The wave rules, hawkBit's way: a wave's success threshold opens the next wave, any wave's error threshold pauses
/// the rollout, and a rollout with nothing left to do is complete. Pure, so it is tested without plugs.
/// </summary>
public static class RolloutRules
{
    public static bool IsFinal(RolloutPlugState state) =>
        state is RolloutPlugState.Succeeded or RolloutPlugState.Failed or RolloutPlugState.Cancelled;

    public static void Evaluate(Rollout rollout, IReadOnlyList<RolloutPlug> plugs, DateTimeOffset now)
    {
        if (rollout.Status is not (RolloutStatus.Running or RolloutStatus.Paused) || plugs.Count == 0)
        {
            return;
        }

        var failed = plugs.Count(p => p.State == RolloutPlugState.Failed);
        var finished = plugs.Count(p => p.State is RolloutPlugState.Succeeded or RolloutPlugState.Failed);
        if (rollout is { AbortAfterFinished: { } atLeast, AbortFailedPercent: { } percent } && finished >= atLeast && failed * 100 > percent * finished)
        {
            rollout.Status = RolloutStatus.Aborted;
            rollout.PauseReason = $"aborted: {failed} of {finished} finished plugs failed, more than {percent}% (rule applies from {atLeast} finished)";
            rollout.FinishedAt = now;
            foreach (var plug in plugs.Where(p => p.State == RolloutPlugState.Queued))
            {
                plug.State = RolloutPlugState.Cancelled;
            }

            return;
        }

        if (rollout.Status == RolloutStatus.Running && failed > rollout.AcknowledgedFailures)
        {
            for (var wave = 0; wave <= rollout.CurrentWave && wave < rollout.WaveSizes.Count; wave++)
            {
                var size = rollout.WaveSizes[wave];
                var failedInWave = plugs.Count(p => p.Wave == wave && p.State == RolloutPlugState.Failed);
                if (failedInWave > 0 && failedInWave * 100 >= rollout.ErrorThresholdPercent * size)
                {
                    rollout.Status = RolloutStatus.Paused;
                    rollout.PauseReason = $"wave {wave + 1}: {failedInWave} of {size} plugs failed (error threshold {rollout.ErrorThresholdPercent}%)";
                    return;
                }
            }
        }

        while (rollout.CurrentWave < rollout.WaveSizes.Count - 1)
        {
            var size = rollout.WaveSizes[rollout.CurrentWave];
            var wave = plugs.Where(p => p.Wave == rollout.CurrentWave).ToList();
            var succeeded = wave.Count(p => p.State == RolloutPlugState.Succeeded);
            if (succeeded * 100 >= rollout.SuccessThresholdPercent * size)
            {
                rollout.CurrentWave++;
                continue;
            }

            // Nothing left to run in this wave and too few succeeded: waiting would wait forever.
            if (rollout.Status == RolloutStatus.Running && wave.All(p => IsFinal(p.State)))
            {
                rollout.Status = RolloutStatus.Paused;
                rollout.PauseReason = $"wave {rollout.CurrentWave + 1} finished with {succeeded} of {size} plugs succeeded, " +
                    $"below its success threshold ({rollout.SuccessThresholdPercent}%)";
            }

            break;
        }

        if (rollout.Status == RolloutStatus.Running && plugs.All(p => IsFinal(p.State)))
        {
            rollout.Status = RolloutStatus.Completed;
            rollout.FinishedAt = now;
        }
    }

    /// <summary>Why a running rollout starts no plug now, or null when it may.</summary>
    public static string? HoldReason(Rollout rollout, DateTimeOffset now) =>
        rollout.Status == RolloutStatus.Running && rollout.WindowCron is { } cron
            && !MaintenanceWindow.IsOpen(cron, rollout.WindowMinutes, rollout.WindowTimeZone, now)
            ? "outside the maintenance window"
            : null;

    /// <summary>
    /// How many more plugs may start now under the rollout's rate: its base rate per minute, multiplied by the factor
    /// once per step of succeeded plugs, less the plugs started in the last minute. Without a rate, no limit.
    /// </summary>
    public static int StartsAllowed(Rollout rollout, IReadOnlyList<RolloutPlug> plugs, DateTimeOffset now)
    {
        if (rollout.RatePerMinute is not { } rate)
        {
            return int.MaxValue;
        }

        var succeeded = plugs.Count(p => p.State == RolloutPlugState.Succeeded);
        var steps = rollout.RateIncreaseAfterSuccesses is { } step and > 0 ? succeeded / step : 0;
        var current = Math.Min(rate * Math.Pow(rollout.RateIncrementFactor, steps), MaxRatePerMinute);
        var startedLastMinute = plugs.Count(p => p.StartedAt > now.AddMinutes(-1));
        return Math.Max((int)Math.Floor(current) - startedLastMinute, 0);
    }

    public const int MaxRatePerMinute = 1000;

    /// <summary>
    /// Wave sizes from "1", "10%", "50%", "rest" over <paramref name="total"/> plugs; every wave has at least one plug and
    /// whatever the list leaves over forms a last wave.
    /// </summary>
    public static List<int>? Waves(IReadOnlyList<string>? spec, int total)
    {
        var sizes = new List<int>();
        var left = total;
        foreach (var entry in spec ?? [])
        {
            if (left == 0)
            {
                break;
            }

            var text = entry.Trim();
            int size;
            if (text.Equals("rest", StringComparison.OrdinalIgnoreCase))
            {
                size = left;
            }
            else if (text.EndsWith('%') && double.TryParse(text[..^1], System.Globalization.NumberStyles.Float,
                         System.Globalization.CultureInfo.InvariantCulture, out var percent) && percent is > 0 and <= 100)
            {
                size = (int)Math.Ceiling(total * percent / 100);
            }
            else if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size == 0)
            {
                return null;
            }

            size = Math.Clamp(size, 1, left);
            sizes.Add(size);
            left -= size;
        }

        if (left > 0)
        {
            sizes.Add(left);
        }

        return sizes;
    }
}
