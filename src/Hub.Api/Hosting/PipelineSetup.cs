using Hub.Api.Auth;
using Hub.Api.Dashboard;
using Prometheus;
using Serilog;
using Serilog.Events;

namespace Hub.Api.Hosting;

public static class PipelineSetup
{
    public static WebApplication UseHubPipeline(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            o.GetLevel = RequestLogLevel;
            o.GetMessageTemplateProperties = (context, path, elapsedMs, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(LoggedPath(path))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsedMs)),
            ];
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseLoginPageAssets();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<CookieCallerAntiforgery>();
        app.UseHttpMetrics();
        app.UseStaticFiles();
        return app;
    }

    /// <summary>
    /// The path as the request log writes it. A firmware download link's token is its only credential (the database
    /// keeps just its hash), so it never reaches a log.
    /// </summary>
    public static string LoggedPath(string path)
    {
        if (!path.StartsWith("/ota/", StringComparison.Ordinal))
        {
            return path;
        }

        var end = path.IndexOf('/', "/ota/".Length);
        return end < 0 ? "/ota/{token}" : "/ota/{token}" + path[end..];
    }

    // Probes poll health endpoints all day; an unready answer there is expected, not an error worth a log line.
    private static LogEventLevel RequestLogLevel(HttpContext context, double elapsedMs, Exception? error) =>
        context.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Debug
        : error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
        : LogEventLevel.Information;
}
