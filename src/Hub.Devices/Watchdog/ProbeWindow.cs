namespace Hub.Devices.Watchdog;

/// <summary>The last M results of one probe; the target is down while at least N of them failed.</summary>
internal sealed class ProbeWindow(int failuresToTrip, int window)
{
    private readonly Queue<bool> _results = new();

    public bool Down { get; private set; }

    public int Failures => _results.Count(ok => !ok);

    /// <summary>Any recent failure: probed at the faster interval until the window is clean again.</summary>
    public bool Suspect => Failures > 0;

    /// <summary>Adds a result; returns true when it changed <see cref="Down"/>.</summary>
    public bool Add(bool success)
    {
        _results.Enqueue(success);
        while (_results.Count > window)
        {
            _results.Dequeue();
        }

        // Down needs N failures; up needs the newest result good and fewer than N failures left, so a single success
        // in a flapping run does not announce a recovery.
        var down = Down ? !(success && Failures < failuresToTrip) : Failures >= failuresToTrip;
        var changed = down != Down;
        Down = down;
        return changed;
    }
}
