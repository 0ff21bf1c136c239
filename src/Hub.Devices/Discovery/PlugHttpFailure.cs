namespace Hub.Devices.Discovery;

internal enum PlugHttpFailure
{
    /// <summary>Nothing listens there, or the network says no route.</summary>
    Unreachable,

    TimedOut,

    /// <summary>Something answered, but not with HTTP we can read (or more than a plug would send).</summary>
    Malformed,
}
