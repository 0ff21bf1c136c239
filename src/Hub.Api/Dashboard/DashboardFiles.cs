using Microsoft.Extensions.FileProviders;

namespace Hub.Api.Dashboard;

/// <summary>
/// Serves the dashboard built from src/Hub.Web. The login page and its assets are public; everything else goes
/// through the fallback authorization policy, which redirects a browser without a session to the login page.
/// </summary>
public static class DashboardFiles
{
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static IApplicationBuilder UseLoginPageAssets(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/login",
            FileProvider = new PhysicalFileProvider(Path.Combine(WebRoot, "login")),
        });

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/login", () => TypedResults.PhysicalFile(Path.Combine(WebRoot, "login", "index.html"), "text/html"))
            .AllowAnonymous().ExcludeFromDescription();
        // Unknown API paths answer 404 ProblemDetails instead of falling through to the dashboard's index page.
        routes.Map("/api/{**rest}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
            title: "Not found", detail: "No API route matches this path.")).ExcludeFromDescription();
        routes.MapFallbackToFile("index.html");
        return routes;
    }
}
