using Hub.Devices.Ota.Delivery;
using Hub.Devices.Ota.Rollouts;

namespace Hub.Devices.Tests.Ota;

public sealed class RolloutRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WavesComeFromCountsPercentagesAndTheRest()
    {
        Assert.Equal([1, 2, 10, 7], RolloutRules.Waves(["1", "10%", "50%", "rest"], 20));
        Assert.Equal([20], RolloutRules.Waves(null, 20));
        Assert.Equal([3, 2], RolloutRules.Waves(["3"], 5));
        Assert.Null(RolloutRules.Waves(["many"], 5));
    }

    [Fact]
    public void TheSuccessThresholdOpensTheNextWave()
    {
        var rollout = Rollout([2, 4]);
        var plugs = Plugs(rollout, RolloutPlugState.Succeeded, RolloutPlugState.Sending);

        RolloutRules.Evaluate(rollout, plugs, Now);

        Assert.Equal(1, rollout.CurrentWave);
        Assert.Equal(RolloutStatus.Running, rollout.Status);
    }

    [Fact]
    public void TheErrorThresholdPausesAndOnlyNewFailuresPauseAgainAfterAResume()
    {
        var rollout = Rollout([2, 4]);
        var plugs = Plugs(rollout, RolloutPlugState.Failed, RolloutPlugState.Sending);

        RolloutRules.Evaluate(rollout, plugs, Now);
        var reason = rollout.PauseReason;
        rollout.Status = RolloutStatus.Running;
        rollout.AcknowledgedFailures = 1;
        RolloutRules.Evaluate(rollout, plugs, Now);

        Assert.Equal("wave 1: 1 of 2 plugs failed (error threshold 50%)", reason);
        Assert.Equal(RolloutStatus.Running, rollout.Status);
        Assert.Equal(0, rollout.CurrentWave);
    }

    [Fact]
    public void AWaveThatEndsBelowItsSuccessThresholdPausesInsteadOfWaitingForever()
    {
        var rollout = Rollout([3, 3]);
        rollout.ErrorThresholdPercent = 100;

        RolloutRules.Evaluate(rollout, Plugs(rollout, RolloutPlugState.Succeeded, RolloutPlugState.Failed, RolloutPlugState.Failed), Now);

        Assert.Equal(RolloutStatus.Paused, rollout.Status);
        Assert.Equal("wave 1 finished with 1 of 3 plugs succeeded, below its success threshold (50%)", rollout.PauseReason);
    }

    [Fact]
    public void TheAbortRuleWaitsForItsMinimumOfFinishedPlugsThenAbortsAndCancelsTheQueue()
    {
        var rollout = Rollout([10]);
        (rollout.AbortAfterFinished, rollout.AbortFailedPercent, rollout.ErrorThresholdPercent) = (4, 25, 100);
        var early = Plugs(rollout, RolloutPlugState.Failed, RolloutPlugState.Failed, RolloutPlugState.Succeeded, RolloutPlugState.Sending);
        var atLimit = Plugs(rollout, RolloutPlugState.Failed, RolloutPlugState.Succeeded, RolloutPlugState.Succeeded, RolloutPlugState.Succeeded);
        var over = Plugs(rollout, RolloutPlugState.Failed, RolloutPlugState.Failed, RolloutPlugState.Succeeded, RolloutPlugState.Succeeded,
            RolloutPlugState.Flashing);

        RolloutRules.Evaluate(rollout, early, Now);
        var afterThree = rollout.Status;
        RolloutRules.Evaluate(rollout, atLimit, Now);
        var atTwentyFive = rollout.Status;
        RolloutRules.Evaluate(rollout, over, Now);

        Assert.Equal(RolloutStatus.Running, afterThree);
        Assert.Equal(RolloutStatus.Running, atTwentyFive);
        Assert.Equal(RolloutStatus.Aborted, rollout.Status);
        Assert.Equal("aborted: 2 of 4 finished plugs failed, more than 25% (rule applies from 4 finished)", rollout.PauseReason);
        Assert.Equal(Now, rollout.FinishedAt);
        Assert.Equal(5, over.Count(p => p.State == RolloutPlugState.Cancelled));
        Assert.Equal(RolloutPlugState.Flashing, over[4].State);
    }

    [Fact]
    public void ARateStartsAtItsBaseAndGrowsByItsFactorAfterEachStepOfSuccesses()
    {
        var rollout = Rollout([20]);
        (rollout.RatePerMinute, rollout.RateIncrementFactor, rollout.RateIncreaseAfterSuccesses) = (2, 3, 2);
        var fresh = Plugs(rollout);
        var oneStarted = Plugs(rollout, RolloutPlugState.Sending);
        oneStarted[0].StartedAt = Now.AddSeconds(-30);
        var twoSucceeded = Plugs(rollout, RolloutPlugState.Succeeded, RolloutPlugState.Succeeded, RolloutPlugState.Sending);
        twoSucceeded[0].StartedAt = twoSucceeded[1].StartedAt = Now.AddMinutes(-3);
        twoSucceeded[2].StartedAt = Now.AddSeconds(-10);
        var fourSucceeded = Plugs(rollout, RolloutPlugState.Succeeded, RolloutPlugState.Succeeded, RolloutPlugState.Succeeded,
            RolloutPlugState.Succeeded);

        Assert.Equal(2, RolloutRules.StartsAllowed(rollout, fresh, Now));
        Assert.Equal(1, RolloutRules.StartsAllowed(rollout, oneStarted, Now));
        Assert.Equal(5, RolloutRules.StartsAllowed(rollout, twoSucceeded, Now));
        Assert.Equal(18, RolloutRules.StartsAllowed(rollout, fourSucceeded, Now));
        Assert.Equal(int.MaxValue, RolloutRules.StartsAllowed(Rollout([20]), fresh, Now));
    }

    [Fact]
    public void ARolloutWithNothingLeftIsComplete()
    {
        var rollout = Rollout([1]);

        RolloutRules.Evaluate(rollout, Plugs(rollout, RolloutPlugState.Succeeded), Now);

        Assert.Equal(RolloutStatus.Completed, rollout.Status);
        Assert.Equal(Now, rollout.FinishedAt);
    }

    [Fact]
    public void AMaintenanceWindowIsOpenOnlyForItsLengthAfterEachStartInItsTimeZone()
    {
        const string nightly = "0 0 2 * * ?";
        var berlin = "Europe/Berlin";

        Assert.True(MaintenanceWindow.IsOpen(nightly, 60, null, new DateTimeOffset(2026, 11, 25, 2, 30, 0, TimeSpan.Zero)));
        Assert.False(MaintenanceWindow.IsOpen(nightly, 60, null, new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero)));
        Assert.False(MaintenanceWindow.IsOpen(nightly, 60, null, new DateTimeOffset(2026, 11, 25, 1, 59, 0, TimeSpan.Zero)));
        Assert.True(MaintenanceWindow.IsOpen(nightly, 60, berlin, new DateTimeOffset(2026, 11, 25, 1, 10, 0, TimeSpan.Zero)));
        Assert.False(MaintenanceWindow.IsValid("every night", null));
    }

    [Fact]
    public void OpenBekensOddHttpAnswerIsParsedWithItsReason()
    {
        var reply = PlugHttp.Parse("HTTP/1.1 -20 OK\nContent-type: application/json\r\nConnection: close\r\n\r\n{\"error\":-20, \"msg\":\"Wrong chip family\"}");

        Assert.False(reply.Ok);
        Assert.Equal(-20, reply.Status);
        Assert.Equal("Wrong chip family", reply.Message);
    }

    private static Rollout Rollout(List<int> waves) => new()
    {
        Id = 1, Name = "t", CreatedBy = "test", WaveSizes = waves, SuccessThresholdPercent = 50, ErrorThresholdPercent = 50,
        MaxConcurrency = 5, MaxAttempts = 1, PlugTimeoutSeconds = 60,
    };

    /// <summary>The first plugs in the given states, the rest of the rollout queued.</summary>
    private static List<RolloutPlug> Plugs(Rollout rollout, params RolloutPlugState[] first)
    {
        var plugs = new List<RolloutPlug>();
        var wave = 0;
        var inWave = 0;
        for (var i = 0; i < rollout.WaveSizes.Sum(); i++)
        {
            if (inWave == rollout.WaveSizes[wave])
            {
                (wave, inWave) = (wave + 1, 0);
            }

            plugs.Add(new RolloutPlug { Id = i + 1, PlugId = i + 1, Topic = $"p{i}", Wave = wave, State = i < first.Length ? first[i] : RolloutPlugState.Queued });
            inWave++;
        }

        return plugs;
    }
}
