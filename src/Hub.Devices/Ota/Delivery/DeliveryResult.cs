namespace Hub.Devices.Ota.Delivery;

public sealed record DeliveryResult(bool Succeeded, string? Reason, string? ReportedBuild)
{
    /// <summary>How long the plug was seen offline around its update reboot, when the hub saw both ends.</summary>
    public double? OfflineSeconds { get; init; }

    public static DeliveryResult Failed(string reason, string? build = null) => new(false, reason, build);
}
