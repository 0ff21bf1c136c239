namespace Hub.Devices.Fleet;

public enum PlugStatus
{
    /// <summary>Seen on the network or the broker, not yet adopted: visible, not commandable.</summary>
    Pending,

    Adopted,
}
