namespace Hub.Devices.Ota.Delivery;

public sealed record DeliveryResult(bool Succeeded, string? Reason, string? ReportedBuild)
{
    public static DeliveryResult Failed(string reason, string? build = null) => new(false, reason, build);
}
