using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Hub.Api.Auth;

/// <summary>
/// The hub has no roles: its administrator is the account named by <c>Auth:AdminUserName</c>, the one the hub created
/// on first start. Endpoints that change who may do what (users) or what the fleet will run (trusting firmware) are
/// limited to it; everyone else gets a 403 ProblemDetails.
/// </summary>
public static class HubAdmin
{
    public static bool IsAdmin(ClaimsPrincipal user, AuthOptions options) =>
        user.Identity?.IsAuthenticated == true
        && string.Equals(user.Identity.Name, options.AdminUserName, StringComparison.OrdinalIgnoreCase);

    public static TBuilder RequireHubAdmin<TBuilder>(this TBuilder builder, string detail)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
            return IsAdmin(context.HttpContext.User, options)
                ? await next(context)
                : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Administrator only", detail: detail);
        });
}
