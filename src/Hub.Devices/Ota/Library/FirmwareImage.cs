namespace Hub.Devices.Ota.Library;

/// <summary>An image in the firmware library, stored once by its SHA-256 under the data folder.</summary>
public sealed class FirmwareImage
{
    public long Id { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole file; also its file name under <c>firmware/</c>.</summary>
    public required string Sha256 { get; set; }

    public FirmwareFormat Format { get; set; }

    /// <summary>BL602, BK7231T, BK7231N, ESP8266, ESP32, ...: compared with the plug's chip before anything is sent.</summary>
    public required string ChipFamily { get; set; }

    public required string Version { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>True for our images whose signature a trusted key verified; upstream images carry none.</summary>
    public bool SignatureVerified { get; set; }

    /// <summary>Usable in a rollout: signed by a trusted key, or an unsigned image an admin vouched for.</summary>
    public bool Trusted { get; set; }

    public string? FileName { get; set; }

    public string? UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public string? TrustedBy { get; set; }

    public DateTimeOffset? TrustedAt { get; set; }
}
