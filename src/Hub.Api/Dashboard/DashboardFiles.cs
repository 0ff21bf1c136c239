using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Hub.Api.Dashboard;

/// <summary>
/// Serves the dashboard built from src/Hub.Web. Public: the sign-in page and the hashed bundles under /assets, which
/// are the same static code for everyone (it is in the repository) and hold no data; every byte of data comes from
/// the API, which checks the session. Everything else, the app's page included, goes through the fallback
/// authorization policy, which redirects a browser without a session to the sign-in page.
/// </summary>
public static class DashboardFiles
{
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>Runs before authentication, so these files are served to anyone.</summary>
    public static IApplicationBuilder UseLoginPageAssets(this IApplicationBuilder app)
    {
        app.UseStaticFiles(PublicFolder("login", "/login", immutable: false));
        return app.UseStaticFiles(PublicFolder("assets", "/assets", immutable: true));
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/login", (HttpContext context) => Page(context, Path.Combine(WebRoot, "login", "index.html")))
            .AllowAnonymous().ExcludeFromDescription();
        // Unknown API paths answer 404 ProblemDetails instead of falling through to the dashboard's index page.
        routes.Map("/api/{**rest}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
            title: "Not found", detail: "No API route matches this path.")).ExcludeFromDescription();
        // Client-side routes (/plugs/12, /settings) all load the app's page; the fallback policy guards it.
        routes.MapFallback((HttpContext context) => Page(context, Path.Combine(WebRoot, "index.html")));
        return routes;
    }

    private static IResult Page(HttpContext context, string path)
    {
        // Pages name the current bundles, so a browser must ask again after an upgrade.
        context.Response.Headers.CacheControl = "no-cache";
        return File.Exists(path)
            ? TypedResults.PhysicalFile(path, "text/html; charset=utf-8")
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Dashboard not built",
                detail: "This build of the hub has no dashboard files; build it with Node.js and npm installed.");
    }

    private static StaticFileOptions PublicFolder(string folder, string requestPath, bool immutable)
    {
        var path = Path.Combine(WebRoot, folder);
        return new StaticFileOptions
        {
            RequestPath = requestPath,
            FileProvider = Directory.Exists(path) ? new PhysicalFileProvider(path) : new NullFileProvider(),
            OnPrepareResponse = context =>
            {
                if (immutable)
                {
                    // File names carry a content hash: a changed file is a new name.
                    context.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
                }
            },
        };
    }
}
