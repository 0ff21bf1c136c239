using Hub.Devices.Fleet;

namespace Hub.Api.Plugs;

public sealed record PlugSummary(
    long Id, string Topic, string Protocol, string Status, string? Name, string? Group, IReadOnlyList<string> Tags,
    bool Online, IReadOnlyDictionary<int, bool> Relays, double? PowerW, string? FirmwareBuild, string? LastRebootReason,
    long? UptimeSeconds, int? RssiDbm, DateTimeOffset? LastSeenAt)
{
    public static PlugSummary From(Plug p) => new(p.Id, p.Topic, p.Protocol.ToString(), p.Status.ToString(), p.Name, p.Group,
        p.Tags, p.State.Online, p.State.Relays, p.State.PowerW, p.FirmwareBuild, p.State.LastRebootReason, p.State.UptimeSeconds,
        p.State.RssiDbm, p.State.LastSeenAt);
}
