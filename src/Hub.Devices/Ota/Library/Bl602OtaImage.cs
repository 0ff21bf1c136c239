using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Hub.Devices.Ota.Library;

/// <summary>
/// OpenBeken's BL602 image (fact sheet §2.4): a 512-byte <c>BL60X_OTA</c> header whose SHA-256 covers the body, checked
/// here as the plug would, because a plug that finds a mismatch has already erased its spare slot.
/// </summary>
internal static partial class Bl602OtaImage
{
    public const int HeaderSize = 512;
    public static ReadOnlySpan<byte> Magic => "BL60X_OTA"u8;

    public static ImageInspection Inspect(ReadOnlySpan<byte> image, string? fileName)
    {
        if (image.Length <= HeaderSize)
        {
            return ImageInspection.Refused("truncated", $"{image.Length} bytes: no body after the 512-byte header");
        }

        var bodyLength = BinaryPrimitives.ReadUInt32LittleEndian(image[20..]);
        var body = image[HeaderSize..];
        if (body.Length < bodyLength)
        {
            return ImageInspection.Refused("truncated", $"the header announces a {bodyLength}-byte body, the file has {body.Length}");
        }

        if (body.Length > bodyLength)
        {
            return ImageInspection.Refused("size", $"{body.Length - bodyLength} bytes follow the announced body");
        }

        if (!SHA256.HashData(body).AsSpan().SequenceEqual(image[64..96]))
        {
            return ImageInspection.Refused("body SHA-256", "the body does not match the SHA-256 in the header (corrupt)");
        }

        // The header's own version is the SDK's ("EVENT_V1.1.1"); OpenBeken's release name carries the real one.
        var version = fileName is not null && ReleaseName().Match(fileName) is { Success: true } m
            ? m.Groups[1].Value
            : Encoding.ASCII.GetString(image[48..64]).TrimEnd('\0');
        return new ImageInspection(FirmwareFormat.Bl602Ota, "BL602", version.Length > 0 ? version : "unknown", SignatureVerified: false);
    }

    [GeneratedRegex(@"OpenBL602_([0-9][0-9A-Za-z.\-]*?)(?:_OTA)?\.bin", RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseName();
}
