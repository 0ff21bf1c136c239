namespace Hub.Api.Auth;

/// <summary>An account as the users list shows it; never its password hash or security stamp.</summary>
public sealed record UserView(string Id, string UserName, bool IsAdmin, DateTimeOffset? LockedOutUntil);
