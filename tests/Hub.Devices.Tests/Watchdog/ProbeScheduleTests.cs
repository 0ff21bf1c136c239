using Hub.Devices.Watchdog;

namespace Hub.Devices.Tests.Watchdog;

public sealed class ProbeScheduleTests
{
    [Fact]
    public void AThousandProbesCreatedTogetherAreSpreadEvenlyOverTheirInterval()
    {
        var perSecond = Enumerable.Range(1, 1000)
            .Select(id => ProbeTargets.FirstRunOffset(id, intervalSeconds: 10))
            .GroupBy(offset => (int)offset.TotalSeconds)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(10, perSecond.Count);
        Assert.All(perSecond.Values, count => Assert.InRange(count, 90, 110));
    }
}
