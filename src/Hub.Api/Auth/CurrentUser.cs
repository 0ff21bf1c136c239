namespace Hub.Api.Auth;

/// <summary>Who is signed in; <see cref="IsAdmin"/> lets the dashboard hide what only the administrator may do.</summary>
public sealed record CurrentUser(string UserName, string AuthenticatedBy, bool IsAdmin);
