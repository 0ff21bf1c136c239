using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols.OpenBeken;

/// <summary>
/// What <c>/index?state=1</c> tells beyond MQTT: the real reboot reason (BL602 <c>BL_RST_...</c>, Beken
/// <c>2 - Wdt</c>; the STATUS JSON's reason is hard-coded) and, from our firmware, the boot count and the log kept
/// from before the reboot.
/// </summary>
internal sealed record OpenBekenIndexState
{
    public required string RebootReason { get; init; }

    public bool Abnormal { get; init; }

    public int? BootCount { get; init; }

    /// <summary>Starts that ended before the boot-OK time; OpenBeken enters safe mode after more than four.</summary>
    public int? IncompleteBoots { get; init; }

    public int? OtaCounter { get; init; }

    public IReadOnlyList<string> LastLogLines { get; init; } = [];

    public BootReported ToBoot(string plugTopic, DateTimeOffset at) => new()
    {
        Topic = plugTopic, At = at, RebootReason = RebootReason, Abnormal = Abnormal, BootCount = BootCount,
        LastLogLines = LastLogLines,
    };
}
