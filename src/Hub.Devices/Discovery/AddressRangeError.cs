namespace Hub.Devices.Discovery;

public enum AddressRangeError
{
    None,

    /// <summary>Not an IPv4 address, CIDR block or start-end range; or it holds multicast/broadcast addresses.</summary>
    Malformed,

    /// <summary>Well formed but over the configured limit.</summary>
    TooLarge,
}
