using Hub.Devices.Fleet;
using Hub.Devices.Watchdog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Watchdog;

/// <summary>Probes of plugs and of devices behind plugs, their live status, and resetting a target that needed attention.</summary>
public static class WatchdogApi
{
    public static RouteGroupBuilder MapWatchdogApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/watchdog").WithTags("Watchdog");
        group.MapGet("/probes", async (DevicesDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.Probes.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct)));
        group.MapGet("/probes/{id:long}", async Task<Results<Ok<Probe>, NotFound>> (long id, DevicesDb db, CancellationToken ct) =>
            await db.Probes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } probe
                ? TypedResults.Ok(probe) : TypedResults.NotFound());
        group.MapPost("/probes", CreateAsync);
        group.MapPut("/probes/{id:long}", UpdateAsync);
        group.MapDelete("/probes/{id:long}", async Task<Results<NoContent, NotFound>> (long id, DevicesDb db, ProbeWorker worker, CancellationToken ct) =>
        {
            var deleted = await db.Probes.Where(p => p.Id == id).ExecuteDeleteAsync(ct);
            worker.Reload();
            return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
        });
        group.MapGet("/status", (ProbeWorker worker) => TypedResults.Ok(worker.Status()));
        group.MapPost("/plugs/{id:long}/reset", (long id, ProbeWorker worker, CancellationToken ct) => ResetAsync(worker, $"plug:{id}", ct));
        group.MapPost("/devices/{id:long}/reset", (long id, ProbeWorker worker, CancellationToken ct) => ResetAsync(worker, $"device:{id}", ct));
        group.MapWatchedDevices();
        group.MapMaintenance();
        return group;
    }

    private static async Task<Results<NoContent, NotFound>> ResetAsync(ProbeWorker worker, string key, CancellationToken ct) =>
        await worker.ResetTargetAsync(key, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Created<Probe>, ValidationProblem>> CreateAsync(
        ProbeRequest request, DevicesDb db, ProbeWorker worker, TimeProvider time, CancellationToken ct)
    {
        if (await ValidateAsync(request, db, ct) is { } problem)
        {
            return problem;
        }

        var probe = new Probe { CreatedAt = time.GetUtcNow() };
        Apply(request, probe);
        db.Probes.Add(probe);
        await db.SaveChangesAsync(ct);
        worker.Reload();
        return TypedResults.Created($"/api/watchdog/probes/{probe.Id}", probe);
    }

    private static async Task<Results<Ok<Probe>, NotFound, ValidationProblem>> UpdateAsync(
        long id, ProbeRequest request, DevicesDb db, ProbeWorker worker, CancellationToken ct)
    {
        var probe = await db.Probes.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (probe is null)
        {
            return TypedResults.NotFound();
        }

        if (await ValidateAsync(request, db, ct) is { } problem)
        {
            return problem;
        }

        Apply(request, probe);
        await db.SaveChangesAsync(ct);
        worker.Reload();
        return TypedResults.Ok(probe);
    }

    /// <summary>The rules DataAnnotations cannot say: one target, an address the kind can use, an action that fits it.</summary>
    private static async Task<ValidationProblem?> ValidateAsync(ProbeRequest r, DevicesDb db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (r.PlugId is null == r.DeviceId is null)
        {
            errors["plugId"] = ["Give either a plugId or a deviceId."];
        }
        else if (r.PlugId is { } plugId && !await db.Plugs.AnyAsync(p => p.Id == plugId && p.Status == PlugStatus.Adopted, ct))
        {
            errors["plugId"] = ["No adopted plug has this id."];
        }
        else if (r.DeviceId is { } deviceId && !await db.WatchedDevices.AnyAsync(d => d.Id == deviceId, ct))
        {
            errors["deviceId"] = ["No device has this id."];
        }

        if (r.Kind == ProbeKind.Tcp && r.Port is null)
        {
            errors["port"] = ["A TCP probe needs a port."];
        }

        if (r.Kind == ProbeKind.Mqtt && r.DeviceId is not null)
        {
            errors["kind"] = ["MQTT liveness is for plugs; probe a device by ping, TCP or HTTP."];
        }

        if ((r.OnDown == WatchdogAction.PowerCycle && r.DeviceId is null) || (r.OnDown == WatchdogAction.RestartPlug && r.PlugId is null))
        {
            errors["onDown"] = ["Power-cycle a device behind a plug; restart a plug."];
        }

        if (r.FailuresToTrip > r.Window)
        {
            errors["failuresToTrip"] = ["Cannot exceed the window."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    private static void Apply(ProbeRequest r, Probe probe)
    {
        probe.PlugId = r.PlugId;
        probe.DeviceId = r.DeviceId;
        probe.Kind = r.Kind!.Value;
        probe.Port = r.Port;
        probe.Path = r.Path;
        probe.ExpectedStatus = r.ExpectedStatus;
        probe.IntervalSeconds = r.IntervalSeconds;
        probe.DownIntervalSeconds = r.DownIntervalSeconds;
        probe.TimeoutSeconds = r.TimeoutSeconds;
        probe.FailuresToTrip = r.FailuresToTrip;
        probe.Window = r.Window;
        probe.MaxSilenceSeconds = r.MaxSilenceSeconds;
        probe.OnDown = r.OnDown;
        probe.Enabled = r.Enabled;
    }
}
