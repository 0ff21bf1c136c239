namespace Hub.Api.Auth;

/// <summary>The only response that ever contains the token itself.</summary>
public sealed record CreatedApiToken(Guid Id, string Name, string Token, DateTimeOffset? ExpiresAt);
