using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Commands;

public sealed class CommandOptions
{
    public const string Section = "Commands";

    /// <summary>How long a command waits for the plug's confirmation before the caller gets a time-out.</summary>
    [Range(1, 300)]
    public int ConfirmTimeoutSeconds { get; set; } = 10;

    /// <summary>A restart is confirmed when the plug is back, which takes longer than switching a relay.</summary>
    [Range(1, 600)]
    public int RestartTimeoutSeconds { get; set; } = 45;
}
