namespace Hub.Devices.Ota.Delivery;

public enum PullRefusal
{
    None,

    /// <summary>No such token (404).</summary>
    Unknown,

    /// <summary>Past its lifetime (410).</summary>
    Expired,

    /// <summary>A download already reached the last byte (410).</summary>
    Spent,
}
