namespace Hub.Devices.Watchdog;

/// <summary>
/// A target's flap-protection state as last saved, so a hub restart neither forgets "needs attention" nor hands a dead
/// device a fresh allowance of power cycles. Only targets with actions in the window (or needing attention) have a row.
/// </summary>
public sealed class FlapState
{
    /// <summary><c>device:{id}</c> or <c>plug:{id}</c>, as the probe target key.</summary>
    public required string TargetKey { get; set; }

    public List<DateTimeOffset> Actions { get; set; } = [];

    public bool NeedsAttention { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
