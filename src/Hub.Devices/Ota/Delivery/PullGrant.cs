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

    /// <summary>When a download reached the image's last byte; the link answers 410 from then on.</summary>
    public DateTimeOffset? SpentAt { get; set; }
}
