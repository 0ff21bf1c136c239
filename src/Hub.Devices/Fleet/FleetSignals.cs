using System.Threading.Channels;

namespace Hub.Devices.Fleet;

/// <summary>Facts the fleet worker derives from plug events, for the workers that act on them.</summary>
public sealed class FleetSignals
{
    private readonly Channel<RebootDetected> _reboots = Channel.CreateUnbounded<RebootDetected>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly Channel<PlugNotBack> _notBack = Channel.CreateUnbounded<PlugNotBack>(
        new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<RebootDetected> Reboots => _reboots.Reader;

    /// <summary>For the watchdog and alerts: plugs that did not return after a broker outage.</summary>
    public ChannelReader<PlugNotBack> NotBack => _notBack.Reader;

    internal void RebootDetected(RebootDetected reboot) => _reboots.Writer.TryWrite(reboot);

    internal void NotBackAfterOutage(PlugNotBack plug) => _notBack.Writer.TryWrite(plug);
}
