namespace Hub.Energy.Storage;

/// <summary>Per plug: when it was first seen and where its counter stands, so restarts continue the lifetime total.</summary>
public sealed class EnergyPlug
{
    public long PlugId { get; set; }

    public long FirstSeenS { get; set; }

    public long? LastCounterS { get; set; }

    public long? LastCounterMwh { get; set; }

    /// <summary>Monotonic: only ever grows by accepted counter deltas.</summary>
    public long LifetimeMwh { get; set; }

    /// <summary>The last good counter before an unexplained jump, kept until the counter comes back or moves on.</summary>
    public long? GlitchBaseS { get; set; }

    public long? GlitchBaseMwh { get; set; }

    /// <summary>
    /// The plug stamps its counters with its own clock (our firmware's SENSOR); its counters stamped on arrival are
    /// then left out, also right after a hub restart, when a queued burst of both kinds comes in.
    /// </summary>
    public bool StampedByPlug { get; set; }

    /// <summary>The most this plug can deliver, for the glitch rule; null is <c>Energy:MaxPowerW</c>.</summary>
    public double? MaxPowerW { get; set; }
}
