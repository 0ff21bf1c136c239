namespace Hub.Api.Auth;

public sealed record CurrentUser(string UserName, string AuthenticatedBy);
