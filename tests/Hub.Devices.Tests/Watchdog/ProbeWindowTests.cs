using Hub.Devices.Watchdog;

namespace Hub.Devices.Tests.Watchdog;

public sealed class ProbeWindowTests
{
    [Fact]
    public void TargetIsDownOnlyOnceNFailuresFallWithinTheLastM()
    {
        var window = new ProbeWindow(failuresToTrip: 3, window: 5);

        Assert.False(window.Add(false));
        Assert.False(window.Add(true));
        Assert.False(window.Add(false));
        Assert.True(window.Suspect);
        Assert.True(window.Add(false));
        Assert.True(window.Down);
    }

    [Fact]
    public void ASingleSuccessInAFailingRunDoesNotAnnounceARecovery()
    {
        var window = new ProbeWindow(failuresToTrip: 2, window: 4);
        window.Add(false);
        window.Add(false);

        Assert.False(window.Add(true));
        Assert.True(window.Down);
        Assert.False(window.Add(true));
        Assert.True(window.Add(true));
        Assert.False(window.Down);
    }
}
