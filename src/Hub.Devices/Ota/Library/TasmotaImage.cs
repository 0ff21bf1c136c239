using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Hub.Devices.Ota.Library;

/// <summary>
/// Tasmota's ESP application image, plain (<c>.bin</c>, magic 0xE9) or gzip-compressed (<c>.bin.gz</c>). Only what is
/// cheap and certain is checked: the magic, the gzip stream's integrity and the ESP32 chip id.
/// </summary>
internal static partial class TasmotaImage
{
    public const byte EspMagic = 0xE9;
    private const int MaxUnpackedBytes = 16 * 1024 * 1024;

    public static bool IsGzip(ReadOnlySpan<byte> image) => image.Length > 2 && image[0] == 0x1F && image[1] == 0x8B;

    public static ImageInspection Inspect(byte[] image, string? fileName, string? versionHint)
    {
        var plain = image;
        if (IsGzip(image))
        {
            if (Unpack(image) is not { } unpacked)
            {
                return ImageInspection.Refused("gzip stream", "the .gz stream is truncated or corrupt");
            }

            plain = unpacked;
        }

        if (plain.Length < 24 || plain[0] != EspMagic)
        {
            return ImageInspection.Refused("header", "no ESP image magic (0xE9) at the start");
        }

        // ESP32 images carry an extended header whose first byte is the WP pin (0xEE = none) and a chip id at 12.
        var chip = plain[8] == 0xEE ? (plain[12] | (plain[13] << 8)) switch
        {
            0 => "ESP32",
            2 => "ESP32-S2",
            5 => "ESP32-C3",
            9 => "ESP32-S3",
            _ => "ESP32",
        } : "ESP8266";
        var version = versionHint ?? (fileName is not null && Release().Match(fileName) is { Success: true } m ? m.Groups[1].Value : "unknown");
        return new ImageInspection(FirmwareFormat.Tasmota, chip, version, SignatureVerified: false);
    }

    private static byte[]? Unpack(byte[] image)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(image), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxUnpackedBytes)
                {
                    return null;
                }

                output.Write(buffer, 0, read);
            }

            // GZipStream ends quietly on a cut-off stream; the trailer's CRC-32 and length tell.
            var unpacked = output.ToArray();
            var trailer = image.AsSpan(image.Length - 8);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer) == Crc32.Compute(unpacked)
                && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) == (uint)unpacked.Length
                ? unpacked
                : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"tasmota[0-9a-z\-]*?-v?([0-9]+\.[0-9]+\.[0-9]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Release();
}
