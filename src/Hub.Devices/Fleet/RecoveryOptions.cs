using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Fleet;

public sealed class RecoveryOptions
{
    public const string Section = "Recovery";

    /// <summary>How long plugs get to come back after the hub's broker connection returns before they are reported.</summary>
    [Range(1, 86_400)]
    public int GraceSeconds { get; set; } = 300;
}
