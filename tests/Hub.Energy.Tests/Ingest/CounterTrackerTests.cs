using Hub.Energy.Ingest;
using Hub.Energy.Storage;

namespace Hub.Energy.Tests.Ingest;

public sealed class CounterTrackerTests
{
    private readonly CounterTracker _tracker = new(maxPowerW: 3680, slackWh: 1);

    [Fact]
    public void ARisingCounterAddsItsDifference()
    {
        var (state, added, events) = Run((0, 1000), (10, 1005), (20, 1012));

        Assert.Equal(12_000, added);
        Assert.Equal(12_000, state.LifetimeMwh);
        Assert.Empty(events);
    }

    [Fact]
    public void ADropIsAResetAndTheNewValueIsTheDelta()
    {
        var (state, added, events) = Run((0, 5000), (10, 5002), (20, 3), (30, 7));

        Assert.Equal(2_000 + 3_000 + 4_000, added);
        Assert.Equal(added, state.LifetimeMwh);
        var reset = Assert.Single(events);
        Assert.Equal(EnergyEventKind.Reset, reset.Kind);
        Assert.Equal(5_002_000, reset.PreviousCounterMwh);
        Assert.Equal(3_000, reset.AddedMwh);
    }

    [Fact]
    public void AnOtaRebootThatRestartsTheCounterAtZeroLosesNothingAfterIt()
    {
        var (state, added, events) = Run((0, 12_345.6), (60, 12_346.6), (600, 0), (610, 0.5), (620, 1.5));

        Assert.Equal(1_000 + 0 + 500 + 1_000, added);
        Assert.Equal(added, state.LifetimeMwh);
        Assert.Equal(EnergyEventKind.Reset, Assert.Single(events).Kind);
    }

    [Fact]
    public void AJumpBeyondWhatMaxPowerCanDeliverIsAGlitchAndCountingGoesOnFromTheNewValue()
    {
        var (state, added, events) = Run((0, 100), (10, 101), (20, 5_000_100), (30, 5_000_102));

        Assert.Equal(1_000 + 2_000, added);
        Assert.Equal(added, state.LifetimeMwh);
        var glitch = Assert.Single(events);
        Assert.Equal(EnergyEventKind.Glitch, glitch.Kind);
        Assert.Equal(4_999_999_000, glitch.IgnoredMwh);
        Assert.Equal(0, glitch.AddedMwh);
    }

    [Fact]
    public void ASpikeThatComesBackCostsNothing()
    {
        var (state, added, events) = Run((0, 100), (10, 101), (20, 90_000), (30, 102));

        Assert.Equal(1_000 + 1_000, added);
        Assert.Equal(added, state.LifetimeMwh);
        Assert.Equal([EnergyEventKind.Glitch, EnergyEventKind.GlitchReverted], events.Select(e => e.Kind));
    }

    [Fact]
    public void ACounterBackHigherAfterAPowerCutIsNotAddedButLaterUseIs()
    {
        var (_, added, events) = Run((0, 200), (10, 201), (3_600, 10_201), (3_610, 10_202));

        Assert.Equal(1_000 + 0 + 1_000, added);
        Assert.Equal(EnergyEventKind.Glitch, Assert.Single(events).Kind);
    }

    [Fact]
    public void AJumpThatMaxPowerCouldDeliverOverALongGapIsCounted()
    {
        var (_, added, events) = Run((0, 200), (3_600, 3_000));

        Assert.Equal(2_800_000, added);
        Assert.Empty(events);
    }

    [Fact]
    public void DuplicatesAndOlderValuesAreNotCountedTwice()
    {
        var (state, added, _) = Run((0, 100), (10, 102), (10, 102), (5, 101), (20, 103));

        Assert.Equal(3_000, added);
        Assert.Equal(3_000, state.LifetimeMwh);
    }

    [Fact]
    public void TwoRisesStampedInTheSameSecondAreBothCounted()
    {
        // At 3,680 W a second allows 1.022 Wh plus 1 Wh slack: 1.5 Wh after a dropped 1 Wh would look like 2.5 Wh.
        var (state, added, events) = Run((0, 100), (1, 101), (1, 102), (2, 103.5));

        Assert.Equal(3_500, added);
        Assert.Equal(103_500, state.LastCounterMwh);
        Assert.Empty(events);
    }

    [Fact]
    public void ASmallerValueWithTheSameStampIsADuplicateNotAReset()
    {
        var (_, added, events) = Run((0, 0.2), (10, 0.5), (10, 0.4), (20, 0.6));

        Assert.Equal(400, added);
        Assert.Empty(events);
    }

    private (CounterState State, long Added, List<EnergyEvent> Events) Run(params (long AtS, double Wh)[] values)
    {
        var state = new CounterState(7, 0, null, null, 0, null, null);
        var added = 0L;
        var events = new List<EnergyEvent>();
        foreach (var (atS, wh) in values)
        {
            if (_tracker.Apply(state, atS, Units.ToMwh(wh)!.Value) is not { } step)
            {
                continue;
            }

            state = step.State;
            added += step.AddedMwh;
            if (step.Event is { } evt)
            {
                events.Add(evt);
            }
        }

        return (state, added, events);
    }
}
