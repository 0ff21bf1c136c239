namespace Hub.Devices.Watchdog;

internal sealed class NoPlugActivity : IPlugActivityGuard
{
    public string? BusyReason(long plugId) => null;
}
