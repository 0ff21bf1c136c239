namespace Hub.Api.Hosting;

/// <summary>Writes an RFC 7807 body from places outside an endpoint, such as authentication events.</summary>
internal static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>API callers get status codes; people in a browser get redirected to the login page.</summary>
    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi")
        || request.Path.StartsWithSegments("/metrics") || request.Path.StartsWithSegments("/live")
        || request.Headers.Authorization.Count > 0;
}
