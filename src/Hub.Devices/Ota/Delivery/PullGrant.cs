namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// One plug's right to download one image, until <see cref="ExpiresAt"/> or until one download reached the last byte.
/// Stored, so a hub restart in the middle of a slow pull keeps the link valid; only the token's SHA-256 is kept, so a
/// copy of the database hands out no working links.
/// </summary>
public sealed class PullGrant
{
    public long Id { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token in the URL.</summary>
    public required string TokenHash { get; set; }

    public long PlugId { get; set; }

    public long FirmwareImageId { get; set; }

    /// <summary>The rollout row it was issued for (null for a grant asked for by hand); one grant per attempt.</summary>
    public long? RolloutPlugId { get; set; }

    public int Attempt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The furthest byte any download of this grant reached: the plug's progress, resumed ranges included.</summary>
    public long BytesServed { get; set; }

    /// <summary>Download requests answered with image bytes.</summary>
    public int Requests { get; set; }

    /// <summary>Of those, range requests answered with 206: a plug resuming after a cut or a stall.</summary>
    public int RangeRequests { get; set; }

    /// <summary>
    /// When a download first sent the image's last byte. Sent is not received: a plug cut off after the hub's last write
    /// (the socket buffers hold a small image whole) asks again for the rest, so a rollout's link stays open for it.
    /// </summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>
    /// When the link closed, to answer 410 from then on: a rollout's at the end of its attempt, one issued by hand once a
    /// download completed.
    /// </summary>
    public DateTimeOffset? SpentAt { get; set; }
}
