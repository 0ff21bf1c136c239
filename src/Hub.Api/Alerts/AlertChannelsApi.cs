using System.Security.Claims;
using Hub.Devices.Alerts.Channels;
using Hub.Devices.Fleet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Alerts;

/// <summary>Alert channels: create, change, remove, and the test button.</summary>
internal static class AlertChannelsApi
{
    public static void MapAlertChannels(this RouteGroupBuilder group)
    {
        group.MapGet("/channels", async (DevicesDb db, CancellationToken ct) =>
            TypedResults.Ok((await db.AlertChannels.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct)).Select(ChannelView.From).ToList()));
        group.MapPost("/channels", CreateAsync);
        group.MapPut("/channels/{id:long}", UpdateAsync);
        group.MapDelete("/channels/{id:long}", async Task<Results<NoContent, NotFound>> (
            long id, DevicesDb db, AlertDispatcher dispatcher, CancellationToken ct) =>
        {
            var deleted = await db.AlertChannels.Where(c => c.Id == id).ExecuteDeleteAsync(ct);
            dispatcher.Reload();
            return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
        });
        group.MapPost("/channels/{id:long}/test", TestAsync);
    }

    private static async Task<Results<Created<ChannelView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ChannelRequest request, DevicesDb db, AlertDispatcher dispatcher, CancellationToken ct)
    {
        if (Validate(request, null) is { } problem)
        {
            return problem;
        }

        if (await db.AlertChannels.AnyAsync(c => c.Name == request.Name, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name taken",
                detail: $"A channel named '{request.Name}' exists.");
        }

        var channel = new AlertChannel { Name = request.Name };
        Apply(request, channel);
        db.AlertChannels.Add(channel);
        await db.SaveChangesAsync(ct);
        dispatcher.Reload();
        return TypedResults.Created($"/api/alerts/channels/{channel.Id}", ChannelView.From(channel));
    }

    private static async Task<Results<Ok<ChannelView>, NotFound, ValidationProblem>> UpdateAsync(
        long id, ChannelRequest request, DevicesDb db, AlertDispatcher dispatcher, CancellationToken ct)
    {
        var channel = await db.AlertChannels.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
        {
            return TypedResults.NotFound();
        }

        if (Validate(request, channel) is { } problem)
        {
            return problem;
        }

        Apply(request, channel);
        await db.SaveChangesAsync(ct);
        dispatcher.Reload();
        return TypedResults.Ok(ChannelView.From(channel));
    }

    private static async Task<Results<Ok<ChannelTestResult>, NotFound, ProblemHttpResult>> TestAsync(
        long id, ClaimsPrincipal user, AlertDispatcher dispatcher, CancellationToken ct)
    {
        var result = await dispatcher.TestAsync(id, user.Identity?.Name ?? "unknown", ct);
        if (result is null)
        {
            return TypedResults.NotFound();
        }

        return result.Delivered
            ? TypedResults.Ok(result)
            : TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Delivery failed", detail: result.Error);
    }

    private static ValidationProblem? Validate(ChannelRequest r, AlertChannel? existing)
    {
        var errors = new Dictionary<string, string[]>();
        switch (r.Kind)
        {
            case AlertChannelKind.Webhook when r.Url is null:
                errors["url"] = ["A webhook needs a URL."];
                break;
            case AlertChannelKind.Email when r.SmtpHost is null || r.MailFrom is null || r.MailTo is null:
                errors["smtpHost"] = ["E-mail needs smtpHost, mailFrom and mailTo."];
                break;
        }

        if (r.QuietFrom is null != r.QuietUntil is null)
        {
            errors["quietFrom"] = ["Give both ends of the quiet hours, or neither."];
        }

        if (!string.IsNullOrEmpty(r.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out _))
        {
            errors["timeZone"] = ["Unknown time zone."];
        }

        if (r.SmtpUser is not null && r.SmtpPassword is null && string.IsNullOrEmpty(existing?.SmtpPassword))
        {
            errors["smtpPassword"] = ["An SMTP user needs a password."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    private static void Apply(ChannelRequest r, AlertChannel c)
    {
        c.Name = r.Name;
        c.Kind = r.Kind!.Value;
        c.Enabled = r.Enabled;
        c.MinSeverity = r.MinSeverity;
        c.Tags = [.. r.Tags ?? []];
        c.QuietFrom = r.QuietFrom;
        c.QuietUntil = r.QuietUntil;
        c.TimeZone = r.TimeZone;
        c.Url = r.Url;
        c.Secret = r.Secret ?? c.Secret;
        c.Topic = r.Topic;
        c.SmtpHost = r.SmtpHost;
        c.SmtpPort = r.SmtpPort;
        c.SmtpSecurity = r.SmtpSecurity;
        c.SmtpUser = r.SmtpUser;
        c.SmtpPassword = r.SmtpPassword ?? c.SmtpPassword;
        c.MailFrom = r.MailFrom;
        c.MailTo = r.MailTo;
    }
}
