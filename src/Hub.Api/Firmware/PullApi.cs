using Hub.Devices.Fleet;
using Hub.Devices.Ota.Delivery;
using Hub.Devices.Ota.Library;
using Hub.Devices.Protocols;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Hub.Api.Firmware;

/// <summary>
/// Pull delivery: the plug downloads the image from the hub (Tasmota <c>OtaUrl</c> + <c>Upgrade 1</c>), which works on
/// LAN-only networks. The download is anonymous, with a one-time token in the URL, and answers range requests so a plug
/// on a weak link can resume.
/// </summary>
public static class PullApi
{
    /// <summary>Tasmota keeps at most this many characters of <c>OtaUrl</c>.</summary>
    public const int TasmotaOtaUrlMax = 100;

    public static RouteGroupBuilder MapPullApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/firmware/{id:long}/pull-grants", IssueAsync).WithTags("Firmware");
        var group = routes.MapGroup("/ota").WithTags("Firmware").AllowAnonymous();
        group.MapGet("/{token}/{fileName}", Serve);
        return group;
    }

    private static async Task<Results<Created<PullGrantView>, NotFound, ProblemHttpResult>> IssueAsync(long id, PullGrantRequest request,
        HttpContext context, DevicesDb db, FirmwareLibrary library, PullGrants grants, IOptions<PullOptions> options, CancellationToken ct)
    {
        var image = await db.FirmwareImages.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        var plug = await db.Plugs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PlugId, ct);
        if (image is null || plug is null)
        {
            return TypedResults.NotFound();
        }

        if (!image.Trusted)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Image not trusted",
                detail: $"Image {image.Sha256} is not trusted: an admin must mark it trusted first.");
        }

        var baseUrl = options.Value.PublicBaseUrl ?? $"{context.Request.Scheme}://{context.Request.Host}";
        var grant = grants.Issue(plug.Id, image, library.PathOf(image));
        // Tasmota decides by the extension whether to gunzip; the rest of the name is ours, kept short for OtaUrl.
        var fileName = image.FileName?.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) == true ? "fw.bin.gz" : "fw.bin";
        var url = $"{baseUrl.TrimEnd('/')}/ota/{grant.Token}/{fileName}";
        if (plug.Protocol == PlugProtocolKind.Tasmota && url.Length > TasmotaOtaUrlMax)
        {
            grants.Spend(grant.Token);
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Download URL too long for Tasmota",
                detail: $"{url} has {url.Length} characters; Tasmota's OtaUrl keeps {TasmotaOtaUrlMax}. Set a shorter Ota:Pull:PublicBaseUrl.");
        }

        return TypedResults.Created(url, new PullGrantView(url, grant.ExpiresAt, [$"OtaUrl {url}", "Upgrade 1"]));
    }

    private static IResult Serve(string token, HttpContext context, PullGrants grants)
    {
        if (grants.Find(token) is not { } grant)
        {
            return TypedResults.NotFound();
        }

        if (ReachesLastByte(context.Request, grant.Length))
        {
            context.Response.OnCompleted(() =>
            {
                // Spent only once the last byte went out: a plug cut off halfway resumes with a range request.
                if (!context.RequestAborted.IsCancellationRequested && context.Response.StatusCode is 200 or 206)
                {
                    grants.Spend(token);
                }

                return Task.CompletedTask;
            });
        }

        return TypedResults.PhysicalFile(grant.Path, "application/octet-stream", lastModified: grant.LastModified,
            entityTag: new EntityTagHeaderValue($"\"{grant.Sha256}\""), enableRangeProcessing: true);
    }

    /// <summary>Whether the answer carries the image's last byte: no range, a suffix, an open end, or several ranges (served whole).</summary>
    private static bool ReachesLastByte(HttpRequest request, long length)
    {
        var ranges = request.GetTypedHeaders().Range?.Ranges;
        if (ranges is not { Count: 1 })
        {
            return true;
        }

        var range = ranges.First();
        return range.From is null || range.To is null || range.To >= length - 1;
    }
}
