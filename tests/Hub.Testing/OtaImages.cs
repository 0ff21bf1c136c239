using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Hub.Testing;

/// <summary>
/// Firmware images for OTA tests: our signed format (signed here with .NET's ECDsa, the layout of
/// device-firmware/core/ota_image.h), and the upstream BL602 .ota and Beken .rbl layouts.
/// </summary>
public static class OtaImages
{
    public static readonly string[] Chips = ["unknown", "BL602", "BK7231T", "BK7231N", "BK7238", "LN882H"];

    /// <summary>The development key pair device-firmware/build.sh made; plugsim trusts its public half.</summary>
    public static string DevPrivateKeyPath => Path.Combine(RepoPaths.Root, "build", "firmware", "keys", "dev-ota-key.pem");

    public static string DevPublicKeyPath => Path.Combine(RepoPaths.Root, "build", "firmware", "keys", "dev-ota-pub.pem");

    public static string MkimagePath => Path.Combine(RepoPaths.Root, "build", "firmware", "mkimage");

    public static ECDsa DevKey()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(DevPrivateKeyPath));
        return key;
    }

    public static byte[] Payload(int bytes, int seed = 1)
    {
        var payload = new byte[bytes];
        new Random(seed).NextBytes(payload);
        return payload;
    }

    public static byte[] PlugImage(ECDsa key, string chip, string version, byte[] payload)
    {
        var header = new byte[128];
        "PLUGIMG1"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)Array.IndexOf(Chips, chip));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), (uint)payload.Length);
        Encoding.ASCII.GetBytes(version).CopyTo(header.AsSpan(24));
        SHA256.HashData(payload).CopyTo(header.AsSpan(56));
        byte[] signed = [.. header, .. payload];
        var signature = key.SignHash(SHA256.HashData(signed), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return [.. signed, .. signature];
    }

    public static byte[] Bl602Ota(byte[] body, string softwareVersion = "EVENT_V1.1.1")
    {
        var header = new byte[512];
        header.AsSpan(100).Fill(0xFF);
        "BL60X_OTA_Ver1.0"u8.CopyTo(header);
        "XZ  "u8.CopyTo(header.AsSpan(16));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), (uint)body.Length);
        new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }.CopyTo(header.AsSpan(24));
        "BFL_Module_v1.1"u8.CopyTo(header.AsSpan(32));
        Encoding.ASCII.GetBytes(softwareVersion).CopyTo(header.AsSpan(48));
        SHA256.HashData(body).CopyTo(header.AsSpan(64));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(96), 0xFFFFFFFF);
        return [.. header, .. body];
    }

    public static byte[] Rbl(byte[] package, string version)
    {
        var header = new byte[96];
        "RBL\0"u8.CopyTo(header);
        "app"u8.CopyTo(header.AsSpan(12));
        Encoding.ASCII.GetBytes(version).CopyTo(header.AsSpan(28));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(76), Crc32(package));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(84), (uint)package.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(88), (uint)package.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(92), Crc32(header.AsSpan(0, 92)));
        return [.. header, .. package];
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
