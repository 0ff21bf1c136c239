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
        app.UseSerilogRequestLogging(o => o.GetLevel = RequestLogLevel);
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

    // Probes poll health endpoints all day; an unready answer there is expected, not an error worth a log line.
    private static LogEventLevel RequestLogLevel(HttpContext context, double elapsedMs, Exception? error) =>
        context.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Debug
        : error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
        : LogEventLevel.Information;
}
