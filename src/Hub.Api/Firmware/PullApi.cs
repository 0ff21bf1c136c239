using Hub.Devices.Fleet;
using Hub.Devices.Ota.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Hub.Api.Firmware;

/// <summary>
/// Pull delivery: the plug downloads the image from the hub (Tasmota <c>OtaUrl</c> + <c>Upgrade 1</c>), which works on
/// LAN-only networks. The download is anonymous, with a one-time token in the URL, and answers range requests so a plug
/// on a weak link can resume.
/// </summary>
public static class PullApi
{
    public static RouteGroupBuilder MapPullApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/firmware/{id:long}/pull-grants", IssueAsync).WithTags("Firmware");
        var group = routes.MapGroup("/ota").WithTags("Firmware").AllowAnonymous();
        group.MapGet("/{token}/{fileName}", ServeAsync);
        return group;
    }

    private static async Task<Results<Created<PullGrantView>, NotFound, ProblemHttpResult>> IssueAsync(long id, PullGrantRequest request,
        DevicesDb db, PullGrants grants, PullLinks links, CancellationToken ct)
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

        var issued = await grants.IssueAsync(plug.Id, image, rolloutPlugId: null, attempt: 0, TimeSpan.Zero, ct);
        var link = links.For(issued.Token, image, plug.Protocol);
        if (!link.Usable)
        {
            await grants.SpendAsync(issued.Grant.Id, ct);
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Download URL unusable for this plug",
                detail: $"{link.Url}: {link.Refusal}.");
        }

        var url = link.Url;
        return TypedResults.Created(url, new PullGrantView(url, issued.Grant.ExpiresAt, [$"OtaUrl {url}", "Upgrade 1"]));
    }

    private static async Task<IResult> ServeAsync(string token, HttpContext context, PullGrants grants, CancellationToken ct)
    {
        var found = await grants.FindAsync(token, ct);
        switch (found.Refusal)
        {
            case PullRefusal.Unknown:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown download link");
            case PullRefusal.Expired:
                return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Download link expired",
                    detail: $"The link expired at {found.Grant!.ExpiresAt:O}; a rollout issues a new one with its next attempt.");
            case PullRefusal.Spent:
                return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Download link used",
                    detail: "A download of this link already reached the image's last byte; each link serves one plug once.");
        }

        var grant = found.Grant!;
        var image = found.Image!;
        long? start = null;
        var response = context.Response;
        var counting = new CountingStream(response.Body, sent =>
        {
            // Headers are out by the first write: a 206 names its first byte, a 200 starts at 0.
            start ??= FirstByte(response);
            grants.Served(grant.Id, start.Value + sent);
        });
        response.Body = counting;
        response.OnCompleted(() =>
        {
            if (response.StatusCode is (StatusCodes.Status200OK or StatusCodes.Status206PartialContent) && counting.Count > 0)
            {
                var reached = (start ?? FirstByte(response)) + counting.Count;
                // Complete only once the last byte went out: a plug cut off halfway resumes with a range request.
                grants.EndRequest(grant.Id, reached, response.StatusCode == StatusCodes.Status206PartialContent,
                    !context.RequestAborted.IsCancellationRequested && reached >= image.SizeBytes);
            }

            return Task.CompletedTask;
        });

        return TypedResults.PhysicalFile(found.Path!, "application/octet-stream", lastModified: image.UploadedAt,
            entityTag: new EntityTagHeaderValue($"\"{image.Sha256}\""), enableRangeProcessing: true);
    }

    private static long FirstByte(HttpResponse response) =>
        response.StatusCode == StatusCodes.Status206PartialContent && response.GetTypedHeaders().ContentRange?.From is { } from ? from : 0;
}
