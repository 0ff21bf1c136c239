using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace Hub.Devices.Ota.Library;

/// <summary>
/// A Beken <c>.rbl</c> (fact sheet §2.5): a 96-byte header with CRC-32s over itself and the package. OpenBeken writes
/// it unchecked and leaves validation to the bootloader, so the hub checks both CRCs before sending.
/// </summary>
internal static partial class RblImage
{
    public const int HeaderSize = 96;
    public static ReadOnlySpan<byte> Magic => "RBL\0"u8;

    public static ImageInspection Inspect(ReadOnlySpan<byte> image, string? fileName, string? chipHint)
    {
        if (image.Length < HeaderSize)
        {
            return ImageInspection.Refused("truncated", $"{image.Length} bytes is shorter than the 96-byte RBL header");
        }

        var header = image[..HeaderSize];
        if (Crc32.Compute(header[..92]) != BinaryPrimitives.ReadUInt32LittleEndian(header[92..]))
        {
            return ImageInspection.Refused("header CRC-32", "the RBL header's CRC-32 does not match (corrupt)");
        }

        var packageSize = BinaryPrimitives.ReadUInt32LittleEndian(header[88..]);
        var package = image[HeaderSize..];
        if (package.Length < packageSize)
        {
            return ImageInspection.Refused("truncated", $"the header announces a {packageSize}-byte package, the file has {package.Length}");
        }

        if (Crc32.Compute(package[..(int)packageSize]) != BinaryPrimitives.ReadUInt32LittleEndian(header[76..]))
        {
            return ImageInspection.Refused("package CRC-32", "the package does not match the CRC-32 in the header (corrupt)");
        }

        // The RBL does not say which Beken it is for, and N and T images brick each other: the release name or the
        // uploader must.
        var chip = chipHint ?? (fileName is not null && ReleaseName().Match(fileName) is { Success: true } m ? m.Groups[1].Value : null);
        if (chip is null)
        {
            return ImageInspection.Refused("chip family",
                "an .rbl does not name its chip: upload it as OpenBK7231N_<version>.rbl / OpenBK7231T_… or pass ?chip=");
        }

        var version = Encoding.ASCII.GetString(header[28..52]).TrimEnd('\0');
        return new ImageInspection(FirmwareFormat.BekenRbl, chip.ToUpperInvariant(), version.Length > 0 ? version : "unknown", false);
    }

    [GeneratedRegex(@"Open(BK7231[NT]|BK7238)_", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ReleaseName();
}
