namespace Hub.Api.Auth;

public sealed record AntiforgeryTokenResponse(string Token, string HeaderName);
