using System.Security.Claims;
using Hub.Devices.Commands;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Api.Plugs;

/// <summary>Commanding plugs: relays (one or many), restart, adoption, desired state. Each answers once the plug confirms.</summary>
public static class PlugCommandsApi
{
    public static RouteGroupBuilder MapPlugCommands(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:long}/relays/{channel:int}", SetRelayAsync);
        group.MapPost("/relays", BulkRelayAsync);
        group.MapPost("/{id:long}/restart", RestartAsync);
        group.MapPost("/{id:long}/adopt", AdoptAsync);
        group.MapPut("/{id:long}/desired/{channel:int}", SetDesiredAsync);
        group.MapPost("/{id:long}/rotate-credentials", RotateAsync);
        return group;
    }

    private static async Task<Results<Ok<RelayResult>, ProblemHttpResult>> SetRelayAsync(long id, int channel, RelayRequest request,
        PlugCommander commander, DesiredRelayStore desired, DevicesDb db, ClaimsPrincipal user, TimeProvider time,
        IOptions<CommandOptions> options, CancellationToken ct)
    {
        if (channel is < 1 or > 64)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid channel", "Relay channels are numbered 1 to 64.");
        }

        var outcome = await commander.SendAsync(id, new SetRelay(channel, request.Action!.Value), ConfirmWithin(options), ct);
        if (outcome.Confirmation is not RelayReported relay)
        {
            return FromOutcome(outcome.Kind);
        }

        await desired.RecordCommandedAsync(id, channel, relay.On, ct);
        db.PlugHistory.Add(new PlugHistoryEntry
        {
            PlugId = id, At = time.GetUtcNow(), Kind = PlugHistoryKind.RelayChanged, Actor = user.Identity?.Name ?? "user",
            Detail = $"Relay {channel} switched {(relay.On ? "on" : "off")}",
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new RelayResult(id, channel, relay.On));
    }

    private static async Task<Ok<List<BulkRelayItem>>> BulkRelayAsync(BulkRelayRequest request, PlugCommander commander,
        DevicesDb db, IOptions<CommandOptions> options, CancellationToken ct)
    {
        var query = db.Plugs.AsNoTracking().Where(p => p.Status == PlugStatus.Adopted);
        if (request.PlugIds is { Length: > 0 } ids)
        {
            query = query.Where(p => ids.Contains(p.Id));
        }

        if (request.Group is not null)
        {
            query = query.Where(p => p.Group == request.Group);
        }

        var targets = (await query.ToListAsync(ct))
            .Where(p => request.Tag is null || p.Tags.Contains(request.Tag, StringComparer.OrdinalIgnoreCase)).ToList();
        // Plugs answer independently, so the commands go out together and the slowest plug sets the response time.
        var results = await Task.WhenAll(targets.Select(async plug =>
        {
            var outcome = await commander.SendAsync(plug.Id, new SetRelay(request.Channel, request.Action!.Value), ConfirmWithin(options), ct);
            return new BulkRelayItem(plug.Id, plug.Topic, outcome.Kind.ToString(), (outcome.Confirmation as RelayReported)?.On);
        }));
        return TypedResults.Ok(results.ToList());
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RestartAsync(
        long id, PlugCommander commander, IOptions<CommandOptions> options, CancellationToken ct)
    {
        var outcome = await commander.SendAsync(id, new RestartPlug(), TimeSpan.FromSeconds(options.Value.RestartTimeoutSeconds), ct);
        return outcome.Kind == CommandOutcomeKind.Confirmed ? TypedResults.Accepted($"/api/plugs/{id}") : FromOutcome(outcome.Kind);
    }

    private static async Task<Results<Ok<AdoptionResult>, ProblemHttpResult>> AdoptAsync(
        long id, PlugAdoption adoption, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await adoption.AdoptAsync(id, user.Identity?.Name ?? "user", ct);
        return outcome switch
        {
            AdoptionOutcome.UnknownPlug => Problem(StatusCodes.Status404NotFound, "Unknown plug", $"No plug has id {id}."),
            AdoptionOutcome.AlreadyAdopted => Problem(StatusCodes.Status409Conflict, "Already adopted", "The plug is already in the fleet."),
            AdoptionOutcome.Offline => Problem(StatusCodes.Status409Conflict, "Plug offline", "Adoption needs the plug online to send it its credentials."),
            AdoptionOutcome.BrokerRefused => Problem(StatusCodes.Status503ServiceUnavailable, "Broker refused", "The broker did not create the plug's account."),
            _ => TypedResults.Ok(new AdoptionResult(id, outcome.ToString())),
        };
    }

    private static async Task<Results<Ok<AdoptionResult>, ProblemHttpResult>> RotateAsync(
        long id, PlugCredentialRotation rotation, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await rotation.RotateAsync(id, user.Identity?.Name ?? "user", ct);
        return outcome switch
        {
            RotationOutcome.UnknownPlug => Problem(StatusCodes.Status404NotFound, "Unknown plug", $"No plug has id {id}."),
            RotationOutcome.NotAdopted => Problem(StatusCodes.Status409Conflict, "Plug not adopted", "Only adopted plugs have their own login."),
            RotationOutcome.Offline => Problem(StatusCodes.Status409Conflict, "Plug offline", "The plug must be online to receive new credentials."),
            RotationOutcome.BrokerRefused => Problem(StatusCodes.Status503ServiceUnavailable, "Broker refused", "The broker did not accept the new login."),
            _ => TypedResults.Ok(new AdoptionResult(id, outcome.ToString())),
        };
    }

    private static async Task<Results<NoContent, NotFound>> SetDesiredAsync(
        long id, int channel, DesiredRelayRequest request, DesiredRelayStore desired, PlugDirectory directory, CancellationToken ct)
    {
        if (directory.FindById(id) is null)
        {
            return TypedResults.NotFound();
        }

        await desired.SetModeAsync(id, channel, request.Mode!.Value, ct);
        return TypedResults.NoContent();
    }

    private static TimeSpan ConfirmWithin(IOptions<CommandOptions> options) =>
        TimeSpan.FromSeconds(options.Value.ConfirmTimeoutSeconds);

    private static ProblemHttpResult FromOutcome(CommandOutcomeKind kind) => kind switch
    {
        CommandOutcomeKind.UnknownPlug => Problem(StatusCodes.Status404NotFound, "Unknown plug", "No plug has this id."),
        CommandOutcomeKind.NotAdopted => Problem(StatusCodes.Status409Conflict, "Plug not adopted", "Adopt the plug before commanding it."),
        CommandOutcomeKind.Offline => Problem(StatusCodes.Status409Conflict, "Plug offline", "The plug is not connected to the broker."),
        _ => Problem(StatusCodes.Status504GatewayTimeout, "No confirmation", "The plug did not confirm the command in time."),
    };

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
