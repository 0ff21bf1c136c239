using System.ComponentModel.DataAnnotations;
using Hub.Devices.Watchdog;

namespace Hub.Api.Watchdog;

/// <summary>A probe of a plug (<see cref="PlugId"/>) or of a device behind a plug (<see cref="DeviceId"/>), not both.</summary>
public sealed record ProbeRequest(
    long? PlugId,
    long? DeviceId,
    [property: Required] ProbeKind? Kind,
    [property: Range(1, 65535)] int? Port = null,
    [property: StringLength(512)] string? Path = null,
    [property: Range(100, 599)] int ExpectedStatus = 200,
    [property: Range(1, 86400)] int IntervalSeconds = 30,
    [property: Range(1, 86400)] int DownIntervalSeconds = 10,
    [property: Range(1, 120)] int TimeoutSeconds = 5,
    [property: Range(1, 100)] int FailuresToTrip = 3,
    [property: Range(1, 100)] int Window = 5,
    [property: Range(1, 86400)] int MaxSilenceSeconds = 180,
    WatchdogAction OnDown = WatchdogAction.AlertOnly,
    bool Enabled = true);

public sealed record DeviceRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Range(1, long.MaxValue)] long PlugId,
    [property: Required, StringLength(253, MinimumLength = 1)] string Host,
    [property: Range(1, 64)] int RelayChannel = 1,
    [property: Range(1, 3600)] int OffSeconds = 10);

public sealed record MaintenanceRequest(
    long? PlugId,
    long? DeviceId,
    [property: Required] DateTimeOffset? Until,
    [property: StringLength(500)] string? Note = null);
