using System.Security.Claims;
using Hub.Devices.Alerts;
using Hub.Devices.Fleet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Alerts;

/// <summary>Alerts: open ones (active and acknowledged), history, acknowledging; channels are in <see cref="AlertChannelsApi"/>.</summary>
public static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/alerts").WithTags("Alerts");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", async Task<Results<Ok<AlertView>, NotFound>> (long id, DevicesDb db, CancellationToken ct) =>
            await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } alert
                ? TypedResults.Ok(AlertView.From(alert)) : TypedResults.NotFound());
        group.MapPost("/{id:long}/acknowledge", async Task<Results<Ok<AlertView>, NotFound>> (
            long id, ClaimsPrincipal user, AlertCenter center, CancellationToken ct) =>
            await center.AcknowledgeAsync(id, user.Identity?.Name ?? "unknown", ct) is { } alert
                ? TypedResults.Ok(alert) : TypedResults.NotFound());
        group.MapAlertChannels();
        group.MapPlugLimits();
        group.MapAlertRules();
        return group;
    }

    /// <summary><c>state</c>: open (default), active, acknowledged, resolved or all; newest first.</summary>
    private static async Task<Results<Ok<List<AlertView>>, ValidationProblem>> ListAsync(DevicesDb db, CancellationToken ct,
        string state = "open", long? plugId = null, int limit = 200)
    {
        var all = db.Alerts.AsNoTracking();
        var query = state.ToLowerInvariant() switch
        {
            "open" => all.Where(a => a.State != AlertState.Resolved),
            "all" => all,
            _ => Enum.TryParse<AlertState>(state, ignoreCase: true, out var wanted) ? all.Where(a => a.State == wanted) : null,
        };
        if (query is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["state"] = ["Use open, active, acknowledged, resolved or all."],
            });
        }

        if (plugId is { } id)
        {
            query = query.Where(a => a.PlugId == id);
        }

        var alerts = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(limit, 1, 5000)).ToListAsync(ct);
        return TypedResults.Ok(alerts.Select(AlertView.From).ToList());
    }
}
