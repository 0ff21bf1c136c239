using Hub.Devices.Discovery;
using Hub.Devices.Fleet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Discovery;

/// <summary>Finding plugs: SSDP search and address scan on demand, the pending list, and re-identifying one plug.</summary>
public static class DiscoveryApi
{
    public static RouteGroupBuilder MapDiscoveryApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/plugs/{id:long}/identify", IdentifyAsync).WithTags("Discovery");
        var group = routes.MapGroup("/api/discovery").WithTags("Discovery");
        group.MapPost("/ssdp", SearchAsync);
        group.MapPost("/scan", ScanAsync);
        group.MapGet("/pending", PendingAsync);
        return group;
    }

    private static async Task<Ok<DiscoveryReport>> SearchAsync(PlugDiscovery discovery, CancellationToken ct) =>
        TypedResults.Ok(await discovery.SearchSsdpAsync(ct));

    private static async Task<Results<Ok<DiscoveryReport>, ValidationProblem, ProblemHttpResult>> ScanAsync(
        ScanRequest request, PlugDiscovery discovery, CancellationToken ct)
    {
        int[] ports = request.Ports is { Length: > 0 } given ? [.. given.Distinct()] : [80];
        if (ports.Any(p => p is < 1 or > 65_535))
        {
            return Invalid("ports", "Ports are numbers from 1 to 65535.");
        }

        var parsed = AddressRange.TryParse(request.Range, discovery.MaxScanAddresses, out var range);
        if (parsed == AddressRangeError.Malformed)
        {
            return Invalid("range", "Give one IPv4 address, a CIDR block (192.168.1.0/24) or a range (192.168.1.10-192.168.1.60).");
        }

        if (parsed == AddressRangeError.TooLarge || ports.Length > discovery.MaxScanPorts)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "Scan too large",
                $"A scan may cover at most {discovery.MaxScanAddresses} addresses and {discovery.MaxScanPorts} ports.");
        }

        var report = await discovery.TryScanAsync(range!, ports, ct);
        return report is null
            ? Problem(StatusCodes.Status409Conflict, "Scan running", "Another scan is still running; try again when it ends.")
            : TypedResults.Ok(report);
    }

    private static async Task<Ok<List<PendingPlug>>> PendingAsync(DevicesDb db, CancellationToken ct)
    {
        var plugs = await db.Plugs.AsNoTracking().Where(p => p.Status == PlugStatus.Pending).OrderBy(p => p.Id).ToListAsync(ct);
        return TypedResults.Ok(plugs.Select(PendingPlug.From).ToList());
    }

    private static async Task<Results<Ok<IdentifyResult>, ProblemHttpResult>> IdentifyAsync(
        long id, PlugDiscovery discovery, CancellationToken ct)
    {
        var result = await discovery.IdentifyPlugAsync(id, ct);
        var detail = result.Reason ?? result.Outcome.ToString();
        return result.Outcome switch
        {
            IdentifyOutcome.Identified => TypedResults.Ok(result),
            IdentifyOutcome.UnknownPlug => Problem(StatusCodes.Status404NotFound, "Unknown plug", $"No plug has id {id}."),
            IdentifyOutcome.NoAddress => Problem(StatusCodes.Status409Conflict, "Address unknown", detail),
            IdentifyOutcome.DifferentPlug => Problem(StatusCodes.Status409Conflict, "Another device answers", detail),
            IdentifyOutcome.TimedOut => Problem(StatusCodes.Status504GatewayTimeout, "Plug did not answer", detail),
            _ => Problem(StatusCodes.Status502BadGateway, "Plug not identified", detail),
        };
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
