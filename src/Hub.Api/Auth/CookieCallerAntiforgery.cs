using Hub.Api.Hosting;
using Microsoft.AspNetCore.Antiforgery;

namespace Hub.Api.Auth;

/// <summary>
/// Browsers send the session cookie on their own, so every state-changing API call that relies on it (login included)
/// must also carry the antiforgery header. Bearer-token callers are scripts and are not exposed to CSRF.
/// </summary>
internal sealed class CookieCallerAntiforgery(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string HeaderName = "X-XSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var needsCheck = request.Path.StartsWithSegments("/api")
            && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && request.Headers.Authorization.Count == 0;
        if (needsCheck && !await antiforgery.IsRequestValidAsync(context))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Antiforgery token missing or invalid",
                $"Fetch /api/auth/antiforgery and send its token in the {HeaderName} header.");
            return;
        }

        await next(context);
    }
}
