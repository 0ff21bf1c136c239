using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Auth;

public sealed record LoginRequest(
    [property: Required, StringLength(256)] string UserName,
    [property: Required, StringLength(1024)] string Password,
    bool RememberMe = false);
