using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Plugs;

public sealed record UpdatePlugRequest(
    [property: StringLength(100)] string? Name,
    [property: StringLength(64)] string? Group,
    [property: MaxLength(32)] string[]? Tags);
