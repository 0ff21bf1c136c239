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

public sealed record PlugDetails(PlugSummary Plug, string? Chip, string? Mac, string? Ip, long? OtaPartitionBytes,
    DateTimeOffset FirstSeenAt, DateTimeOffset? AdoptedAt, PlugState State, IReadOnlyList<DesiredRelayView> Desired);

public sealed record DesiredRelayView(int Channel, string Mode, bool? LastCommandedOn);

public sealed record PlugPage(IReadOnlyList<PlugSummary> Items, int Total, int Page, int PageSize);

public sealed record RelayResult(long PlugId, int Channel, bool On);

public sealed record BulkRelayItem(long PlugId, string Topic, string Outcome, bool? On);

public sealed record AdoptionResult(long PlugId, string Outcome);

public sealed record HistoryItem(long Id, DateTimeOffset At, string Kind, string Detail, string Actor);
