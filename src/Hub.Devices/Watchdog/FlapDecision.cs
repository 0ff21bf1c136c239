namespace Hub.Devices.Watchdog;

internal enum FlapDecision
{
    Act,

    /// <summary>Within the back-off after the previous action.</summary>
    Wait,

    /// <summary>The limit was reached just now: raise "needs attention" once.</summary>
    GiveUp,

    /// <summary>Already given up; do nothing until the target recovers or is reset.</summary>
    NeedsAttention,
}
