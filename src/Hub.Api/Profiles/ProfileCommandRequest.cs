using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Profiles;

public sealed record ProfileCommandRequest(
    [property: Required, RegularExpression("^[A-Za-z][A-Za-z0-9_]{0,39}$")] string Name,
    [property: StringLength(200)] string Arguments = "");
