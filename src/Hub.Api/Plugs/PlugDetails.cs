using Hub.Devices.Fleet;

namespace Hub.Api.Plugs;

public sealed record PlugDetails(PlugSummary Plug, string? Chip, string? Mac, string? Ip, long? OtaPartitionBytes,
    DateTimeOffset FirstSeenAt, DateTimeOffset? AdoptedAt, PlugState State, IReadOnlyList<DesiredRelayView> Desired);
