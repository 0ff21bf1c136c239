using System.ComponentModel.DataAnnotations;
using Hub.Devices.Commands;
using Hub.Devices.Fleet;

namespace Hub.Api.Plugs;

public sealed record RelayRequest([property: Required] RelayAction? Action);

public sealed record BulkRelayRequest(
    [property: Required] RelayAction? Action,
    [property: Range(1, 64)] int Channel = 1,
    long[]? PlugIds = null,
    [property: StringLength(64)] string? Tag = null,
    [property: StringLength(64)] string? Group = null);

public sealed record UpdatePlugRequest(
    [property: StringLength(100)] string? Name,
    [property: StringLength(64)] string? Group,
    [property: MaxLength(32)] string[]? Tags);

public sealed record DesiredRelayRequest([property: Required] DesiredRelayMode? Mode);
