namespace Hub.Devices.Ota.Delivery;

/// <summary>One plug's right to download one image once, until <see cref="ExpiresAt"/>.</summary>
public sealed record PullGrant(string Token, long PlugId, long FirmwareImageId, DateTimeOffset ExpiresAt);
