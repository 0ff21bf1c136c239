namespace Hub.Devices.Fleet.Events;

public enum BusBackPressure
{
    /// <summary>The publisher waits for room: nothing is lost (energy ingest).</summary>
    Wait,

    /// <summary>The oldest queued event is dropped: only the newest matters (live view).</summary>
    DropOldest,
}
