using Hub.Energy.Storage;

namespace Hub.Energy.Ingest;

/// <summary>
/// Turns a plug's raw counter into a monotonic lifetime total. A drop is a reset (the new value is what the meter counted
/// since it restarted); a rise larger than the plug's maximum power could deliver in the interval is a glitch and is
/// not added. If the counter later returns to near its value before the jump, counting resumes from that value, so a
/// one-sample spike costs nothing.
/// </summary>
internal sealed class CounterTracker(double maxPowerW, double slackWh)
{
    /// <summary>Null when the value is a duplicate or older than the last one taken: it must not count twice.</summary>
    public CounterStep? Apply(CounterState state, long atS, long counterMwh) => Apply(state, atS, counterMwh, maxPowerW);

    /// <summary>As above, with the plug's own maximum power instead of the configured one.</summary>
    public CounterStep? Apply(CounterState state, long atS, long counterMwh, double plugMaxPowerW)
    {
        double Allowed(long seconds) => (plugMaxPowerW * seconds / 3.6) + (slackWh * 1000);

        if (state.LastCounterS is not { } lastS || state.LastCounterMwh is not { } lastMwh)
        {
            return new CounterStep(state with { LastCounterS = atS, LastCounterMwh = counterMwh }, 0, null);
        }

        // An older stamp, or the same stamp without a higher value, is a redelivered duplicate or a reading overtaken
        // by a newer one: the counter is cumulative, so the newer value already holds its energy. Taking it as a drop
        // would count a reset that never happened.
        if (atS < lastS || (atS == lastS && counterMwh <= lastMwh))
        {
            return null;
        }

        if (counterMwh >= lastMwh)
        {
            var rise = counterMwh - lastMwh;

            // Stamps are whole seconds: two readings within one are up to a second apart.
            if (rise <= Allowed(Math.Max(atS - lastS, 1)))
            {
                return Take(state, atS, counterMwh, rise, null);
            }

            var glitch = Event(state, atS, EnergyEventKind.Glitch, lastMwh, counterMwh, 0, rise);
            var glitched = state with
            {
                LastCounterS = atS,
                LastCounterMwh = counterMwh,
                GlitchBaseS = state.GlitchBaseS ?? lastS,
                GlitchBaseMwh = state.GlitchBaseMwh ?? lastMwh,
            };
            return new CounterStep(glitched, 0, glitch);
        }

        if (state.GlitchBaseMwh is { } baseMwh && state.GlitchBaseS is { } baseS && counterMwh >= baseMwh
            && counterMwh - baseMwh <= Allowed(atS - baseS))
        {
            var since = counterMwh - baseMwh;
            return Take(state, atS, counterMwh, since,
                Event(state, atS, EnergyEventKind.GlitchReverted, lastMwh, counterMwh, since, 0));
        }

        // A meter that restarted can only have counted what its power allows since the last value we took.
        var plausible = counterMwh <= Allowed(atS - lastS);
        var added = plausible ? counterMwh : 0;
        return Take(state, atS, counterMwh, added,
            Event(state, atS, EnergyEventKind.Reset, lastMwh, counterMwh, added, counterMwh - added));
    }

    private static CounterStep Take(CounterState state, long atS, long counterMwh, long addedMwh, EnergyEvent? evt) =>
        new(state with
        {
            LastCounterS = atS,
            LastCounterMwh = counterMwh,
            LifetimeMwh = state.LifetimeMwh + addedMwh,
            GlitchBaseS = null,
            GlitchBaseMwh = null,
        }, addedMwh, evt);

    private static EnergyEvent Event(
        CounterState state, long atS, EnergyEventKind kind, long previous, long counter, long added, long ignored) => new()
        {
            PlugId = state.PlugId,
            AtS = atS,
            Kind = kind,
            PreviousCounterMwh = previous,
            CounterMwh = counter,
            AddedMwh = added,
            IgnoredMwh = ignored,
        };
}
