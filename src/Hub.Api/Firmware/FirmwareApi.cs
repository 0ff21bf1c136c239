using System.Security.Claims;
using Hub.Api.Auth;
using Hub.Devices.Fleet;
using Hub.Devices.Ota.Library;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Firmware;

/// <summary>The firmware library: upload (raw body, checked, stored once by SHA-256), list, trust upstream images.</summary>
public static class FirmwareApi
{
    public static RouteGroupBuilder MapFirmwareApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/firmware").WithTags("Firmware");
        group.MapPost("/", UploadAsync).Accepts<Stream>("application/octet-stream");
        group.MapGet("/", async (DevicesDb db, CancellationToken ct) =>
            TypedResults.Ok((await db.FirmwareImages.AsNoTracking().OrderByDescending(i => i.Id).ToListAsync(ct)).Select(FirmwareView.From).ToList()));
        group.MapGet("/{id:long}", async Task<Results<Ok<FirmwareView>, NotFound>> (long id, DevicesDb db, CancellationToken ct) =>
            await db.FirmwareImages.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is { } image
                ? TypedResults.Ok(FirmwareView.From(image))
                : TypedResults.NotFound());
        group.MapPost("/{id:long}/trust", async Task<Results<Ok<FirmwareView>, NotFound>> (
            long id, FirmwareLibrary library, ClaimsPrincipal user, CancellationToken ct) =>
            await library.TrustAsync(id, user.Identity?.Name ?? "unknown", ct) is { } image
                ? TypedResults.Ok(FirmwareView.From(image))
                : TypedResults.NotFound())
            // Trusting an unsigned upstream image lets it reach every plug, so it is the administrator's decision alone.
            .RequireHubAdmin("Only the administrator account may trust a firmware image.");
        return group;
    }

    /// <summary>
    /// The body is the image itself (as curl's <c>--data-binary</c> sends it); <c>name</c> is the file name, which names
    /// the version or chip for upstream formats that do not carry them, and <c>chip</c>/<c>version</c> say it outright.
    /// </summary>
    private static async Task<Results<Created<FirmwareView>, ProblemHttpResult>> UploadAsync(HttpContext context,
        FirmwareLibrary library, ClaimsPrincipal user, CancellationToken ct, string? name = null, string? chip = null, string? version = null)
    {
        // Kestrel's own cap (30 MB) must not cut in before ours, which answers 413 with a reason.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = library.MaxUploadBytes + 1;
        }

        if (context.Request.ContentLength > library.MaxUploadBytes)
        {
            return TooLarge(library.MaxUploadBytes);
        }

        var outcome = await library.AddAsync(context.Request.Body, new FirmwareUpload(name, user.Identity?.Name ?? "unknown", chip, version), ct);
        return outcome.Kind switch
        {
            UploadOutcomeKind.Stored => TypedResults.Created($"/api/firmware/{outcome.Image!.Id}", FirmwareView.From(outcome.Image)),
            UploadOutcomeKind.Duplicate => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Image already stored",
                detail: $"These bytes are already image {outcome.Image!.Id} ({outcome.Image.ChipFamily} {outcome.Image.Version}, SHA-256 {outcome.Image.Sha256}).",
                extensions: new Dictionary<string, object?> { ["existingId"] = outcome.Image.Id, ["sha256"] = outcome.Image.Sha256 }),
            UploadOutcomeKind.TooLarge => TooLarge(outcome.Limit),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: $"Image refused: {outcome.Refusal!.FailedCheck}",
                detail: $"{outcome.Refusal.FailedCheck}: {outcome.Refusal.Detail}. Nothing was stored.",
                extensions: new Dictionary<string, object?> { ["check"] = outcome.Refusal.FailedCheck }),
        };
    }

    private static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Image too large", detail: $"Uploads are limited to {limit} bytes (Ota:Firmware:MaxUploadBytes).");
}
