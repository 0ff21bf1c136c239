namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// One plug's right to download one image once, until <see cref="ExpiresAt"/>. It carries what serving needs (file,
/// length, SHA-256 for the ETag), so a download costs no database query.
/// </summary>
public sealed record PullGrant(string Token, long PlugId, long FirmwareImageId, DateTimeOffset ExpiresAt)
{
    public required string Path { get; init; }

    public required long Length { get; init; }

    public required string Sha256 { get; init; }

    public required DateTimeOffset LastModified { get; init; }
}
