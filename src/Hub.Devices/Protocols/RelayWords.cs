using Hub.Devices.Commands;

namespace Hub.Devices.Protocols;

/// <summary>The POWER arguments both firmwares accept (OpenBeken compares them case-insensitively).</summary>
internal static class RelayWords
{
    public static string Of(RelayAction action) => action switch
    {
        RelayAction.On => "ON",
        RelayAction.Off => "OFF",
        RelayAction.Toggle => "TOGGLE",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
