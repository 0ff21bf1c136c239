using System.Threading.Channels;

namespace Hub.Devices.Fleet;

/// <summary>Facts the fleet worker derives from plug events, for the workers that act on them.</summary>
public sealed class FleetSignals
{
    private readonly Channel<RebootDetected> _reboots = Channel.CreateUnbounded<RebootDetected>(
        new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<RebootDetected> Reboots => _reboots.Reader;

    internal void RebootDetected(RebootDetected reboot) => _reboots.Writer.TryWrite(reboot);
}
