using Hub.Devices.Ota.Library;

namespace Hub.Api.Firmware;

public sealed record FirmwareView(long Id, string Sha256, string Format, string ChipFamily, string Version, long SizeBytes,
    bool SignatureVerified, bool Trusted, string? FileName, string? UploadedBy, DateTimeOffset UploadedAt, string? TrustedBy,
    DateTimeOffset? TrustedAt)
{
    public static FirmwareView From(FirmwareImage i) => new(i.Id, i.Sha256, i.Format.ToString(), i.ChipFamily, i.Version, i.SizeBytes,
        i.SignatureVerified, i.Trusted, i.FileName, i.UploadedBy, i.UploadedAt, i.TrustedBy, i.TrustedAt);
}
