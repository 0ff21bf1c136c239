using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Auth;

public sealed record CreateUserRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string UserName,
    [property: Required, StringLength(256, MinimumLength = 1)] string Password);
