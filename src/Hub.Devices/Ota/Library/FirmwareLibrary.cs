using System.Security.Cryptography;
using Hub.Devices.Fleet;
using Hub.Devices.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Ota.Library;

/// <summary>
/// Firmware images, each checked on the way in and stored once under <c>&lt;data&gt;/firmware/&lt;sha256&gt;</c>, with
/// its metadata in <see cref="DevicesDb"/>. A refused image leaves nothing behind.
/// </summary>
public sealed class FirmwareLibrary(
    IServiceScopeFactory scopes,
    FirmwareInspector inspector,
    IOptions<FirmwareOptions> options,
    IOptions<DataOptions> data,
    TimeProvider time,
    ILogger<FirmwareLibrary> logger)
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public string PathOf(FirmwareImage image) => Path.Combine(Folder, image.Sha256);

    private string Folder => data.Value.EnsureSubfolder("firmware");

    public async Task<UploadOutcome> AddAsync(Stream body, FirmwareUpload upload, CancellationToken ct)
    {
        var limit = MaxUploadBytes;
        if (await ReadBoundedAsync(body, limit, ct) is not { } bytes)
        {
            return new UploadOutcome(UploadOutcomeKind.TooLarge, Limit: limit);
        }

        var inspection = inspector.Inspect(bytes, upload.FileName, upload.Chip, upload.Version);
        if (!inspection.Ok)
        {
            logger.LogWarning("Firmware upload {FileName} refused: {Check}: {Detail}", upload.FileName, inspection.FailedCheck, inspection.Detail);
            return new UploadOutcome(UploadOutcomeKind.Refused, Refusal: inspection);
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        if (await db.FirmwareImages.AsNoTracking().FirstOrDefaultAsync(i => i.Sha256 == sha, ct) is { } existing)
        {
            return new UploadOutcome(UploadOutcomeKind.Duplicate, existing);
        }

        var path = Path.Combine(Folder, sha);
        var partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, bytes, ct);
        File.Move(partial, path, overwrite: true);
        var image = new FirmwareImage
        {
            Sha256 = sha, Format = inspection.Format, ChipFamily = inspection.ChipFamily, Version = inspection.Version,
            SizeBytes = bytes.Length, SignatureVerified = inspection.SignatureVerified, Trusted = inspection.SignatureVerified,
            FileName = upload.FileName is { } name ? Path.GetFileName(name) : null, UploadedBy = upload.Actor, UploadedAt = time.GetUtcNow(),
        };
        db.FirmwareImages.Add(image);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same bytes arrived twice at once; the unique index kept the first, and the file is the same.
            db.ChangeTracker.Clear();
            return new UploadOutcome(UploadOutcomeKind.Duplicate, await db.FirmwareImages.AsNoTracking().FirstAsync(i => i.Sha256 == sha, ct));
        }

        logger.LogInformation("Stored firmware {Sha256} ({Format}, {Chip}, {Version}, {Size} bytes)",
            sha, image.Format, image.ChipFamily, image.Version, image.SizeBytes);
        return new UploadOutcome(UploadOutcomeKind.Stored, image);
    }

    /// <summary>An admin vouches for an unsigned upstream image; null when there is no such image.</summary>
    public async Task<FirmwareImage?> TrustAsync(long id, string actor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var image = await db.FirmwareImages.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (image is null || image.Trusted)
        {
            return image;
        }

        image.Trusted = true;
        image.TrustedBy = actor;
        image.TrustedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Firmware {Sha256} marked trusted by {Actor}", image.Sha256, actor);
        return image;
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer, without reading the rest.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
