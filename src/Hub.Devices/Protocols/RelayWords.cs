using Hub.Devices.Commands;

namespace Hub.Devices.Protocols;

/// <summary>The POWERn commands both firmwares accept (OpenBeken compares the words case-insensitively).</summary>
internal static class RelayWords
{
    public static string Of(RelayAction action) => action switch
    {
        RelayAction.On => "ON",
        RelayAction.Off => "OFF",
        RelayAction.Toggle => "TOGGLE",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>The n of POWERn: our relay channel, which both firmwares number from 1.</summary>
    public static int Number(int channel) =>
        channel is >= 1 and <= 64 ? channel : throw new ArgumentOutOfRangeException(nameof(channel), channel, "relays are numbered 1..64");
}
