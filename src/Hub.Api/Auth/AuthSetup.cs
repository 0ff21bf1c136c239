using System.Threading.RateLimiting;
using Hub.Api.Hosting;
using Hub.Devices.Hosting;
using Hub.Devices.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hub.Api.Auth;

public static class AuthSetup
{
    public const string LoginRateLimit = "login";
    private const string SelectorScheme = "Hub";

    public static IHostApplicationBuilder AddHubAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AuthOptions>(AuthOptions.Section);
        builder.AddModuleDatabase<AuthDb>("Auth");
        services.AddScoped<IDatabaseSeeder<AuthDb>, AdminAccountSeeder>();

        // Keys in the data folder keep sessions valid across restarts. They are read at start, before migrations run,
        // which is why they are not in the database; several hub instances will share them through Redis later.
        services.AddDataProtection().SetApplicationName("hub")
            .PersistKeysToFileSystem(new DirectoryInfo(DataOptions.From(builder.Configuration).EnsureSubfolder("keys")));
        services.AddIdentityCore<HubUser>()
            .AddEntityFrameworkStores<AuthDb>()
            .AddSignInManager();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AuthOptions>>((identity, auth) =>
        {
            // Length beats composition rules (NIST SP 800-63B); lockout stops online guessing.
            identity.Password.RequiredLength = auth.Value.MinimumPasswordLength;
            identity.Password.RequireDigit = false;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Lockout.MaxFailedAccessAttempts = auth.Value.MaxFailedAccessAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.Value.LockoutMinutes);
            identity.Lockout.AllowedForNewUsers = true;
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectorScheme;
                o.DefaultChallengeScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, "Cookie or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => ConfigureCookie(cookie, auth.Value));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAntiforgery(o =>
        {
            o.HeaderName = CookieCallerAntiforgery.HeaderName;
            o.Cookie.Name = "hub.antiforgery";
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => new ValueTask(ProblemResponses.WriteAsync(context.HttpContext,
                StatusCodes.Status429TooManyRequests, "Too many attempts", "Wait a minute before trying again."));
            o.AddPolicy(LoginRateLimit, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.LoginAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) });
            });
        });
        return builder;
    }

    private static void ConfigureCookie(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions cookie, AuthOptions auth)
    {
        cookie.Cookie.Name = "hub.session";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.LoginPath = "/login";
        cookie.ExpireTimeSpan = TimeSpan.FromHours(auth.SessionHours);
        cookie.SlidingExpiration = true;
        cookie.Events.OnRedirectToLogin = context => ProblemResponses.IsApiRequest(context.Request)
            ? ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                "Authentication required", "Sign in or send an API token.")
            : RedirectAsync(context);
        cookie.Events.OnRedirectToAccessDenied = context => ProblemResponses.IsApiRequest(context.Request)
            ? ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                "Forbidden", "Your account may not do this.")
            : RedirectAsync(context);
    }

    private static Task RedirectAsync<T>(Microsoft.AspNetCore.Authentication.RedirectContext<T> context)
        where T : AuthenticationSchemeOptions
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
