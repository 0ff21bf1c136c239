using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Protocols.OpenBeken;

/// <summary>How the OpenBeken plugs of this installation are set up, where the topics alone cannot tell.</summary>
public sealed class OpenBekenOptions
{
    public const string Section = "Protocols:OpenBeken";

    /// <summary>Plugs run with flag 40, so <c>energycounter</c> arrives in kWh instead of Wh.</summary>
    public bool EnergyCounterInKwh { get; set; }

    /// <summary>
    /// The OpenBeken channel that drives relay 1: 1 for templates that put the relay on channel 1 (ours, and most
    /// plugs), 0 for templates that start at channel 0. OpenBeken's own POWERn follows the same rule, so both ways
    /// of reading a relay agree.
    /// </summary>
    [Range(0, 1)]
    public int FirstRelayChannel { get; set; } = 1;
}
