using System.Globalization;
using Hub.Devices.Alerts;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Profiles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Profiles;

/// <summary>Settings profiles: create, apply to many plugs (offline ones get it when they return), see and retry results.</summary>
public static class ProfilesApi
{
    public static RouteGroupBuilder MapProfilesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/profiles").WithTags("Settings profiles");
        group.MapGet("/", async (DevicesDb db, CancellationToken ct) => TypedResults.Ok(
            (await db.SettingsProfiles.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct)).Select(View).ToList()));
        group.MapPost("/", CreateAsync);
        group.MapPost("/{id:long}/apply", ApplyAsync);
        group.MapPost("/{id:long}/retry", RetryAsync);
        group.MapDelete("/{id:long}", DeleteAsync);
        group.MapGet("/{id:long}/assignments", async Task<Results<Ok<List<AssignmentView>>, NotFound>> (long id, DevicesDb db, CancellationToken ct) =>
            await db.SettingsProfiles.AnyAsync(p => p.Id == id, ct)
                ? TypedResults.Ok(await db.ProfileAssignments.AsNoTracking().Where(a => a.ProfileId == id).OrderBy(a => a.PlugId)
                    .Select(a => new AssignmentView(a.PlugId, a.Status.ToString(), a.Attempts, a.LastError, a.UpdatedAt)).ToListAsync(ct))
                : TypedResults.NotFound());
        return group;
    }

    private static async Task<Results<Created<ProfileView>, ProblemHttpResult>> CreateAsync(
        CreateProfileRequest request, DevicesDb db, TimeProvider time, CancellationToken ct)
    {
        if (await db.SettingsProfiles.AnyAsync(p => p.Name == request.Name, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name taken",
                detail: $"A profile named '{request.Name}' exists.");
        }

        var commands = Commands(request).ToList();
        if (commands.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Empty profile",
                detail: "Give at least one setting or extra command.");
        }

        var profile = new SettingsProfile { Name = request.Name, Commands = commands, CreatedAt = time.GetUtcNow() };
        db.SettingsProfiles.Add(profile);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/profiles/{profile.Id}", View(profile));
    }

    private static async Task<Results<Accepted<List<AssignmentView>>, NotFound>> ApplyAsync(long id, ApplyProfileRequest request,
        DevicesDb db, ProfileApplier applier, TimeProvider time, CancellationToken ct)
    {
        if (!await db.SettingsProfiles.AnyAsync(p => p.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var query = db.Plugs.AsNoTracking().Where(p => p.Status == PlugStatus.Adopted);
        if (request.PlugIds is { Length: > 0 } ids)
        {
            query = query.Where(p => ids.Contains(p.Id));
        }

        if (request.Group is not null)
        {
            query = query.Where(p => p.Group == request.Group);
        }

        var targets = (await query.ToListAsync(ct)).Where(p => request.Tag is null || p.Tags.Contains(request.Tag, StringComparer.OrdinalIgnoreCase))
            .Select(p => p.Id).ToList();
        var existing = await db.ProfileAssignments.Where(a => a.ProfileId == id && targets.Contains(a.PlugId)).ToDictionaryAsync(a => a.PlugId, ct);
        var now = time.GetUtcNow();
        foreach (var plugId in targets)
        {
            var assignment = existing.GetValueOrDefault(plugId) ?? db.ProfileAssignments.Add(new ProfileAssignment { ProfileId = id, PlugId = plugId }).Entity;
            assignment.Status = ProfileAssignmentStatus.Pending;
            assignment.RestartsWhilePending = 0;
            assignment.LastError = null;
            assignment.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        applier.Wake();
        return TypedResults.Accepted($"/api/profiles/{id}/assignments",
            targets.Select(p => new AssignmentView(p, nameof(ProfileAssignmentStatus.Pending), 0, null, now)).ToList());
    }

    private static async Task<Results<Ok<int>, NotFound>> RetryAsync(long id, DevicesDb db, ProfileApplier applier, CancellationToken ct)
    {
        if (!await db.SettingsProfiles.AnyAsync(p => p.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var retried = await db.ProfileAssignments.Where(a => a.ProfileId == id && a.Status == ProfileAssignmentStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ProfileAssignmentStatus.Pending).SetProperty(a => a.RestartsWhilePending, 0), ct);
        applier.Wake();
        return TypedResults.Ok(retried);
    }

    /// <summary>
    /// Deletes the profile with its assignments, pending ones included: a plug that never comes back would otherwise keep
    /// its profile undeletable. A plug being configured at this moment keeps what it was already sent; nothing more goes
    /// out, because the applier drops a pending row whose profile is gone.
    /// </summary>
    private static async Task<Results<NoContent, NotFound>> DeleteAsync(long id, DevicesDb db, AlertCenter alerts,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var failed = await db.ProfileAssignments.Where(a => a.ProfileId == id && a.Status == ProfileAssignmentStatus.Failed)
            .Select(a => a.PlugId).ToListAsync(ct);
        if (await db.SettingsProfiles.Where(p => p.Id == id).ExecuteDeleteAsync(ct) == 0)
        {
            return TypedResults.NotFound();
        }

        await db.ProfileAssignments.Where(a => a.ProfileId == id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        // A failure of a profile that no longer exists cannot be retried, so its alert would never clear otherwise.
        foreach (var plugId in failed)
        {
            alerts.Clear(ProfileApplier.FailedAlertKey(plugId, id));
        }

        return TypedResults.NoContent();
    }

    private static IEnumerable<ProfileCommand> Commands(CreateProfileRequest r)
    {
        static string N(double v) => v.ToString(CultureInfo.InvariantCulture);
        if (r.VoltageCalibration is { } v) { yield return new ProfileCommand("VoltageSet", N(v)); }
        if (r.CurrentCalibration is { } a) { yield return new ProfileCommand("CurrentSet", N(a)); }
        if (r.PowerCalibration is { } w) { yield return new ProfileCommand("PowerSet", N(w)); }
        if (r.RelayStartState is { } s) { yield return new ProfileCommand("SetStartValue", $"1 {s.ToString(CultureInfo.InvariantCulture)}"); }
        if (r.TelemetryIntervalSeconds is { } t) { yield return new ProfileCommand("mqtt_broadcastInterval", t.ToString(CultureInfo.InvariantCulture)); }
        if (r.BrokerHost is { Length: > 0 } h) { yield return new ProfileCommand("MqttHost", h); }
        if (r.TimeZoneOffsetHours is { } z) { yield return new ProfileCommand("ntp_timeZoneOfs", N(z)); }
        foreach (var extra in r.ExtraCommands ?? [])
        {
            yield return new ProfileCommand(extra.Name, extra.Arguments);
        }
    }

    private static ProfileView View(SettingsProfile p) => new(p.Id, p.Name, p.Commands);
}
