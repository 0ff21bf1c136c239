using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Fleet.Profiles;

public sealed class ProfileOptions
{
    public const string Section = "Profiles";

    /// <summary>
    /// How often a profile is sent again because its plug restarted before confirming it. A profile that itself restarts
    /// the plug, or a plug in a reboot loop, would otherwise get it after every boot forever.
    /// </summary>
    [Range(0, 100)]
    public int MaxResendsAfterRestart { get; set; } = 3;
}
