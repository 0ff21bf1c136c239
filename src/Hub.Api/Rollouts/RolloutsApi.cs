using System.Security.Claims;
using Hub.Devices.Fleet;
using Hub.Devices.Ota.Rollouts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Rollouts;

/// <summary>Staged OTA rollouts: preview the verdict per plug, create, follow, pause, resume, abort, retry the failed ones.</summary>
public static class RolloutsApi
{
    public static RouteGroupBuilder MapRolloutsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/rollouts").WithTags("Rollouts");
        group.MapPost("/preview", PreviewAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/", async (DevicesDb db, CancellationToken ct) => TypedResults.Ok(
            await db.Rollouts.AsNoTracking().OrderByDescending(r => r.Id).ToListAsync(ct)));
        group.MapGet("/{id:long}", async Task<Results<Ok<RolloutView>, NotFound>> (long id, RolloutService rollouts, CancellationToken ct) =>
            await rollouts.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound());
        group.MapPost("/{id:long}/pause", (long id, RolloutService r, CancellationToken ct) => ActAsync(id, r, r.PauseAsync, ct));
        group.MapPost("/{id:long}/resume", (long id, RolloutService r, CancellationToken ct) => ActAsync(id, r, r.ResumeAsync, ct));
        group.MapPost("/{id:long}/abort", (long id, RolloutService r, CancellationToken ct) => ActAsync(id, r, r.AbortAsync, ct));
        group.MapPost("/{id:long}/retry-failed", (long id, RolloutService r, CancellationToken ct) => ActAsync(id, r, r.RetryFailedAsync, ct));
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<PlugVerdict>>, NotFound>> PreviewAsync(
        PreviewRolloutRequest request, RolloutService rollouts, CancellationToken ct) =>
        await rollouts.PreviewAsync(request.FirmwareId, new RolloutTarget(request.PlugIds, request.Tag, request.Group), request.Force, ct,
            request.Delivery)
            is { } verdicts
            ? TypedResults.Ok(verdicts)
            : TypedResults.NotFound();

    private static async Task<Results<Created<RolloutCreated>, NotFound, ProblemHttpResult>> CreateAsync(
        CreateRolloutRequest request, RolloutService rollouts, ClaimsPrincipal user, CancellationToken ct)
    {
        var spec = new RolloutSpec(request.Name, request.FirmwareId, new RolloutTarget(request.PlugIds, request.Tag, request.Group),
            request.Waves, request.SuccessThresholdPercent, request.ErrorThresholdPercent, request.MaxConcurrency,
            request.PlugTimeoutSeconds, request.MaxAttempts, request.Force, request.MaintenanceWindowCron,
            request.MaintenanceWindowMinutes, request.MaintenanceWindowTimeZone, request.AbortAfterFinished, request.AbortFailedPercent,
            request.RatePerMinute, request.RateIncrementFactor, request.RateIncreaseAfterSuccesses, request.Delivery);
        var created = await rollouts.CreateAsync(spec, user.Identity?.Name ?? "unknown", ct);
        if (created.FirmwareMissing)
        {
            return TypedResults.NotFound();
        }

        if (created.Rollout is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Rollout refused", detail: created.Problem,
                extensions: new Dictionary<string, object?> { ["plugs"] = created.Verdicts });
        }

        var view = (await rollouts.GetAsync(created.Rollout.Id, ct))!;
        return TypedResults.Created($"/api/rollouts/{view.Id}", new RolloutCreated(view, [.. created.Verdicts.Where(v => !v.Compatible)]));
    }

    private static async Task<Results<Ok<RolloutView>, NotFound, ProblemHttpResult>> ActAsync(long id, RolloutService rollouts,
        Func<long, CancellationToken, Task<RolloutActionResult>> action, CancellationToken ct) =>
        await action(id, ct) switch
        {
            RolloutActionResult.NotFound => TypedResults.NotFound(),
            RolloutActionResult.Finished => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Rollout finished",
                detail: $"Rollout {id} is completed or aborted; start a new one instead."),
            _ => TypedResults.Ok((await rollouts.GetAsync(id, ct))!),
        };
}
