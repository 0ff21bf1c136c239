using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Profiles;

public sealed record ApplyProfileRequest(long[]? PlugIds = null, [property: StringLength(64)] string? Tag = null,
    [property: StringLength(64)] string? Group = null);
