using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    [Required(AllowEmptyStrings = false)]
    public string AdminUserName { get; set; } = "admin";

    /// <summary>Wrong passwords in a row before an account locks.</summary>
    [Range(1, 100)]
    public int MaxFailedAccessAttempts { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Login attempts allowed per client address and minute, whatever the account.</summary>
    [Range(1, 10000)]
    public int LoginAttemptsPerMinute { get; set; } = 10;

    [Range(1, 720)]
    public int SessionHours { get; set; } = 12;

    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = 12;
}
