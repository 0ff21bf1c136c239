namespace Hub.Devices.Fleet;

/// <summary>The state an owner wants a relay channel in; re-asserted after an unexpected reboot.</summary>
public sealed class DesiredRelay
{
    public long PlugId { get; set; }

    public int Channel { get; set; }

    public DesiredRelayMode Mode { get; set; }

    /// <summary>The last state a user or the hub commanded, used by <see cref="DesiredRelayMode.LastCommanded"/>.</summary>
    public bool? LastCommandedOn { get; set; }
}
