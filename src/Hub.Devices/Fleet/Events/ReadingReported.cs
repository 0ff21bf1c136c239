namespace Hub.Devices.Fleet.Events;

/// <summary>
/// Energy-meter values. OpenBeken publishes each value on its own topic, so most readings carry one value; Tasmota's
/// SENSOR message carries all of them. The counter is always in Wh here, whatever unit the plug used.
/// </summary>
public sealed record ReadingReported : PlugEvent
{
    public double? VoltageV { get; init; }

    public double? CurrentA { get; init; }

    public double? PowerW { get; init; }

    public double? EnergyCounterWh { get; init; }

    public double? FrequencyHz { get; init; }

    /// <summary>
    /// The meter channel for multi-channel meters (1 for single-channel plugs). 0 is the whole meter: a multi-channel
    /// meter that reports one counter for all its channels (Tasmota's default <c>Total</c>) reports it on channel 0.
    /// </summary>
    public int Channel { get; init; } = 1;

    /// <summary>
    /// True when <see cref="PlugEvent.At"/> is the plug's own clock (a SENSOR <c>Time</c> with a UTC offset, as our
    /// firmware sends), not the arrival time: a reading redelivered in a burst after a hub outage keeps the second it
    /// was measured, so it can be told from its neighbours and from its own duplicates.
    /// </summary>
    public bool StampedByPlug { get; init; }
}
