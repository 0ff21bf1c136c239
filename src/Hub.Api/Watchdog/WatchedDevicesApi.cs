using System.Security.Claims;
using Hub.Devices.Fleet;
using Hub.Devices.Watchdog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Watchdog;

/// <summary>Devices behind plugs, and maintenance windows for plugs and devices.</summary>
internal static class WatchedDevicesApi
{
    public static void MapWatchedDevices(this RouteGroupBuilder group)
    {
        group.MapGet("/devices", async (DevicesDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.WatchedDevices.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct)));
        group.MapPost("/devices", CreateAsync);
        group.MapPut("/devices/{id:long}", UpdateAsync);
        group.MapDelete("/devices/{id:long}", DeleteAsync);
    }

    public static void MapMaintenance(this RouteGroupBuilder group)
    {
        group.MapGet("/maintenance", async (DevicesDb db, TimeProvider time, CancellationToken ct) =>
        {
            var now = time.GetUtcNow();
            // SQLite cannot compare DateTimeOffset columns, so the (few) windows are filtered here.
            return TypedResults.Ok((await db.MaintenanceWindows.AsNoTracking().ToListAsync(ct)).Where(w => w.Until > now).OrderBy(w => w.Until).ToList());
        });
        group.MapPost("/maintenance", StartMaintenanceAsync);
        group.MapDelete("/maintenance/{id:long}", async Task<Results<NoContent, NotFound>> (
            long id, DevicesDb db, MaintenanceRegistry registry, CancellationToken ct) =>
        {
            var deleted = await db.MaintenanceWindows.Where(w => w.Id == id).ExecuteDeleteAsync(ct);
            await registry.ReloadAsync(ct);
            return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
        });
    }

    private static async Task<Results<Created<WatchedDevice>, ValidationProblem>> CreateAsync(
        DeviceRequest request, DevicesDb db, ProbeWorker worker, TimeProvider time, CancellationToken ct)
    {
        if (await ValidateAsync(request, db, ct) is { } problem)
        {
            return problem;
        }

        var device = new WatchedDevice { Name = request.Name, Host = request.Host, CreatedAt = time.GetUtcNow() };
        Apply(request, device);
        db.WatchedDevices.Add(device);
        await db.SaveChangesAsync(ct);
        worker.Reload();
        return TypedResults.Created($"/api/watchdog/devices/{device.Id}", device);
    }

    private static async Task<Results<Ok<WatchedDevice>, NotFound, ValidationProblem>> UpdateAsync(
        long id, DeviceRequest request, DevicesDb db, ProbeWorker worker, CancellationToken ct)
    {
        var device = await db.WatchedDevices.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null)
        {
            return TypedResults.NotFound();
        }

        if (await ValidateAsync(request, db, ct) is { } problem)
        {
            return problem;
        }

        Apply(request, device);
        await db.SaveChangesAsync(ct);
        worker.Reload();
        return TypedResults.Ok(device);
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(long id, DevicesDb db, ProbeWorker worker, CancellationToken ct)
    {
        await db.Probes.Where(p => p.DeviceId == id).ExecuteDeleteAsync(ct);
        var deleted = await db.WatchedDevices.Where(d => d.Id == id).ExecuteDeleteAsync(ct);
        worker.Reload();
        return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    private static async Task<ValidationProblem?> ValidateAsync(DeviceRequest r, DevicesDb db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!await db.Plugs.AnyAsync(p => p.Id == r.PlugId && p.Status == PlugStatus.Adopted, ct))
        {
            errors["plugId"] = ["No adopted plug has this id."];
        }

        if (Uri.CheckHostName(r.Host) == UriHostNameType.Unknown)
        {
            errors["host"] = ["Give a host name or an IP address."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    private static void Apply(DeviceRequest r, WatchedDevice device)
    {
        device.Name = r.Name;
        device.PlugId = r.PlugId;
        device.Host = r.Host;
        device.RelayChannel = r.RelayChannel;
        device.OffSeconds = r.OffSeconds;
    }

    private static async Task<Results<Created<MaintenanceWindow>, ValidationProblem>> StartMaintenanceAsync(
        MaintenanceRequest request, ClaimsPrincipal user, DevicesDb db, MaintenanceRegistry registry, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.PlugId is null == request.DeviceId is null)
        {
            errors["plugId"] = ["Give either a plugId or a deviceId."];
        }

        if (request.Until <= time.GetUtcNow())
        {
            errors["until"] = ["Must be in the future."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var window = new MaintenanceWindow
        {
            PlugId = request.PlugId, DeviceId = request.DeviceId, Until = request.Until!.Value, Note = request.Note,
            CreatedBy = user.Identity?.Name ?? "unknown",
        };
        db.MaintenanceWindows.Add(window);
        await db.SaveChangesAsync(ct);
        await registry.ReloadAsync(ct);
        return TypedResults.Created($"/api/watchdog/maintenance/{window.Id}", window);
    }
}
