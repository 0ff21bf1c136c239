using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Auth;

public sealed record CreateTokenRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Range(1, 3650)] int? ExpiresInDays = null);
