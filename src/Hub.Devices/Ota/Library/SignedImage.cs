using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Hub.Devices.Ota.Library;

/// <summary>
/// Our firmware's image (device-firmware/core/ota_image.h): the same checks the plug makes, so a bad image is refused
/// here rather than by a plug halfway through a rollout.
/// </summary>
internal static class SignedImage
{
    public const int HeaderSize = 128;
    public const int SignatureSize = 64;
    public static ReadOnlySpan<byte> Magic => "PLUGIMG1"u8;

    private static readonly string[] Chips = ["unknown", "BL602", "BK7231T", "BK7231N", "BK7238", "LN882H"];

    public static ImageInspection Inspect(ReadOnlySpan<byte> image, TrustedKeys keys)
    {
        if (image.Length < HeaderSize)
        {
            return ImageInspection.Refused("truncated", $"{image.Length} bytes is shorter than the {HeaderSize}-byte header");
        }

        var header = image[..HeaderSize];
        if (BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != 1 || BinaryPrimitives.ReadUInt32LittleEndian(header[20..]) != 0
            || header[88..].ContainsAnyExcept((byte)0))
        {
            return ImageInspection.Refused("header", "unknown header version, flags or reserved bytes");
        }

        var chip = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (chip == 0 || chip >= Chips.Length)
        {
            return ImageInspection.Refused("chip family", $"chip family {chip} is not one our firmware knows");
        }

        if (Version(header[24..56]) is not { } version)
        {
            return ImageInspection.Refused("header", "the version is empty or not printable ASCII");
        }

        long payloadSize = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        var expected = HeaderSize + payloadSize + SignatureSize;
        if (payloadSize == 0 || image.Length < expected)
        {
            return ImageInspection.Refused("truncated", $"the header announces {expected} bytes, the file has {image.Length}");
        }

        if (image.Length > expected)
        {
            return ImageInspection.Refused("size", $"{image.Length - expected} bytes follow the signature");
        }

        var signed = image[..(int)(HeaderSize + payloadSize)];
        if (!SHA256.HashData(signed[HeaderSize..]).AsSpan().SequenceEqual(header[56..88]))
        {
            return ImageInspection.Refused("payload SHA-256", "the payload does not match the SHA-256 in the header (corrupt)");
        }

        if (!keys.Verify(SHA256.HashData(signed), image[signed.Length..]))
        {
            return ImageInspection.Refused("signature", keys.Count == 0
                ? "no trusted signing key is configured (Ota:Firmware:TrustedKeys)"
                : "the signature does not verify with any trusted key");
        }

        return new ImageInspection(FirmwareFormat.PlugImage, Chips[chip], version, SignatureVerified: true);
    }

    private static string? Version(ReadOnlySpan<byte> field)
    {
        var length = field.IndexOf((byte)0) is var z && z >= 0 ? z : field.Length;
        var text = field[..length];
        return length > 0 && !text.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E) && !field[length..].ContainsAnyExcept((byte)0)
            ? Encoding.ASCII.GetString(text)
            : null;
    }
}
