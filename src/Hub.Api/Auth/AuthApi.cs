using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hub.Api.Auth;

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");
        group.MapGet("/antiforgery", IssueAntiforgeryToken).AllowAnonymous();
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(AuthSetup.LoginRateLimit);
        group.MapPost("/logout", LogoutAsync);
        group.MapGet("/me", (ClaimsPrincipal user, IOptions<AuthOptions> options) => TypedResults.Ok(new CurrentUser(
            user.Identity?.Name ?? "", user.FindFirstValue(ApiTokenAuthenticationHandler.AuthMethodClaim) ?? "cookie",
            HubAdmin.IsAdmin(user, options.Value))));
        return group;
    }

    private static Ok<AntiforgeryTokenResponse> IssueAntiforgeryToken(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryTokenResponse(tokens.RequestToken!, CookieCallerAntiforgery.HeaderName));
    }

    private static async Task<Results<Ok<CurrentUser>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInManager<HubUser> signIn, IOptions<AuthOptions> options, ILogger<LoginRequest> logger)
    {
        var user = await signIn.UserManager.FindByNameAsync(request.UserName);
        if (user is null)
        {
            return Refused();
        }

        var result = await signIn.PasswordSignInAsync(user, request.Password, request.RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning("Login refused: {UserName} is locked out", request.UserName);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Account locked",
                detail: "Too many wrong passwords; try again later.");
        }

        if (!result.Succeeded)
        {
            logger.LogInformation("Login refused for {UserName}", request.UserName);
            return Refused();
        }

        return TypedResults.Ok(new CurrentUser(user.UserName!, "cookie",
            string.Equals(user.UserName, options.Value.AdminUserName, StringComparison.OrdinalIgnoreCase)));
    }

    private static async Task<NoContent> LogoutAsync(SignInManager<HubUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Refused() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Login failed", detail: "Wrong user name or password.");
}
