using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Auth;

public sealed record ResetPasswordRequest([property: Required, StringLength(256, MinimumLength = 1)] string Password);
