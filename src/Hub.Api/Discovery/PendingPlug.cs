using Hub.Devices.Fleet;

namespace Hub.Api.Discovery;

/// <summary>A plug waiting for adoption, with everything discovery identified about it.</summary>
public sealed record PendingPlug(
    long Id, string Topic, string Protocol, string? Chip, string? Mac, string? FirmwareBuild, string? Ip, string? HttpEndpoint,
    long? OtaPartitionBytes, string? LastRebootReason, bool Online, DateTimeOffset FirstSeenAt, DateTimeOffset? LastSeenAt)
{
    public static PendingPlug From(Plug p) => new(p.Id, p.Topic, p.Protocol.ToString(), p.Chip, p.Mac, p.FirmwareBuild, p.Ip,
        p.HttpEndpoint, p.OtaPartitionBytes, p.State.LastRebootReason, p.State.Online, p.FirstSeenAt, p.State.LastSeenAt);
}
