using System.ComponentModel.DataAnnotations;
using Hub.Devices.Commands;

namespace Hub.Api.Plugs;

public sealed record BulkRelayRequest(
    [property: Required] RelayAction? Action,
    [property: Range(1, 64)] int Channel = 1,
    long[]? PlugIds = null,
    [property: StringLength(64)] string? Tag = null,
    [property: StringLength(64)] string? Group = null);
