using Hub.Devices.Ota.Delivery;

namespace Hub.Devices.Tests.Ota;

/// <summary>The restart and offline-time rules push and pull delivery both judge a plug by.</summary>
public sealed class PlugSightingsTests
{
    private static readonly DateTimeOffset Down = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheTimeWithoutPowerRunsFromGoingOfflineAfterTheMarkToComingBack()
    {
        var back = new PlugSightings { OfflineSeq = 11, OfflineAt = Down, OnlineSeq = 12, OnlineAt = Down.AddSeconds(7.5) };

        Assert.Equal(7.5, back.OfflineSecondsAfter(10));
        Assert.Null(back.OfflineSecondsAfter(11));
        Assert.Null((back with { OnlineSeq = 9 }).OfflineSecondsAfter(10));
        Assert.Null((back with { OnlineAt = Down }).OfflineSecondsAfter(10));
    }

    [Fact]
    public void ARestartIsProvenByTheBootCountThenByUptimeAndOnlyAPlugThatReportsNeitherIsTakenAtItsWord()
    {
        var reconnected = new PlugSightings { OnlineSeq = 12, BuildSeq = 13, BootCount = 4, RestartSeq = 5 };

        Assert.False(reconnected.RestartedSince(10, bootCountBefore: 4, reportsRestarts: true));
        Assert.True((reconnected with { BootCount = 5 }).RestartedSince(10, bootCountBefore: 4, reportsRestarts: true));
        Assert.False(reconnected.RestartedSince(10, bootCountBefore: null, reportsRestarts: true));
        Assert.True((reconnected with { RestartSeq = 11 }).RestartedSince(10, bootCountBefore: null, reportsRestarts: true));
        Assert.True(reconnected.RestartedSince(10, bootCountBefore: null, reportsRestarts: false));
    }
}
