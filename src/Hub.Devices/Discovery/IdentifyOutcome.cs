namespace Hub.Devices.Discovery;

public enum IdentifyOutcome
{
    Identified,

    /// <summary>Connection refused or no route: nothing listens at that address and port.</summary>
    Unreachable,

    TimedOut,

    /// <summary>A plug, but its web password is set; the hub does not guess passwords.</summary>
    Unauthorized,

    /// <summary>Something answered that is neither OpenBeken nor Tasmota (or not HTTP at all).</summary>
    NotAPlug,

    /// <summary>No plug has that id.</summary>
    UnknownPlug,

    /// <summary>The plug's web address is not known (seen on MQTT only, never by address).</summary>
    NoAddress,

    /// <summary>A device with another MAC answers at the plug's address (DHCP gave it away).</summary>
    DifferentPlug,
}
