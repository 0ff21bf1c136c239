using Hub.Devices.Watchdog;
using Microsoft.Extensions.Time.Testing;

namespace Hub.Devices.Tests.Watchdog;

public sealed class FlapGuardTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public void BackOffDoublesBetweenActionsAndTheLimitTurnsIntoNeedsAttention()
    {
        var guard = new FlapGuard(maxActions: 3, window: TimeSpan.FromHours(1), backoff: TimeSpan.FromMinutes(1), maxBackoff: TimeSpan.FromHours(1));

        Assert.Equal(FlapDecision.Act, guard.Decide(_time.GetUtcNow()));
        guard.Acted(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(FlapDecision.Wait, guard.Decide(_time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(FlapDecision.Act, guard.Decide(_time.GetUtcNow()));
        guard.Acted(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(FlapDecision.Wait, guard.Decide(_time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(FlapDecision.Act, guard.Decide(_time.GetUtcNow()));
        guard.Acted(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(FlapDecision.GiveUp, guard.Decide(_time.GetUtcNow()));
        Assert.True(guard.NeedsAttention);
        Assert.Equal(FlapDecision.NeedsAttention, guard.Decide(_time.GetUtcNow()));
    }

    [Fact]
    public void ARecoveredTargetThatKeepsFailingStillRunsOutButAResetStartsClean()
    {
        var guard = new FlapGuard(maxActions: 1, window: TimeSpan.FromHours(1), backoff: TimeSpan.Zero, maxBackoff: TimeSpan.FromHours(1));
        guard.Acted(_time.GetUtcNow());
        Assert.Equal(FlapDecision.GiveUp, guard.Decide(_time.GetUtcNow()));

        guard.Recovered();
        Assert.Equal(FlapDecision.GiveUp, guard.Decide(_time.GetUtcNow()));

        guard.Reset();
        Assert.Equal(FlapDecision.Act, guard.Decide(_time.GetUtcNow()));
    }

    [Fact]
    public void ActionsOlderThanTheWindowNoLongerCount()
    {
        var guard = new FlapGuard(maxActions: 2, window: TimeSpan.FromMinutes(30), backoff: TimeSpan.FromMinutes(1), maxBackoff: TimeSpan.FromHours(1));
        guard.Acted(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(5));
        guard.Acted(_time.GetUtcNow());

        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(0, guard.ActionsInWindow(_time.GetUtcNow()));
        Assert.Equal(FlapDecision.Act, guard.Decide(_time.GetUtcNow()));
    }
}
