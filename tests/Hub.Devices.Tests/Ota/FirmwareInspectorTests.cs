using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using Hub.Devices.Ota.Library;
using Hub.Testing;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Tests.Ota;

public sealed class FirmwareInspectorTests : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly TrustedKeys _keys;
    private readonly FirmwareInspector _inspector;

    public FirmwareInspectorTests()
    {
        _keys = new TrustedKeys(Options.Create(new FirmwareOptions { TrustedKeys = [_key.ExportSubjectPublicKeyInfoPem()] }));
        _inspector = new FirmwareInspector(_keys);
    }

    [Fact]
    public void AnImageSignedByATrustedKeyIsAcceptedWithItsChipAndVersion()
    {
        var result = _inspector.Inspect(OtaImages.PlugImage(_key, "BK7231N", "1.19.0", OtaImages.Payload(5000)), "fw.img");

        Assert.True(result.Ok, result.Detail);
        Assert.Equal(FirmwareFormat.PlugImage, result.Format);
        Assert.Equal("BK7231N", result.ChipFamily);
        Assert.Equal("1.19.0", result.Version);
        Assert.True(result.SignatureVerified);
    }

    [Fact]
    public void AnImageMadeByTheFirmwaresOwnMkimageVerifiesWithTheDevKey()
    {
        using var folder = new TempFolder("mkimage");
        File.WriteAllBytes(folder.Combine("payload.bin"), OtaImages.Payload(3000));
        using var mkimage = Process.Start(OtaImages.MkimagePath, ["--key", OtaImages.DevPrivateKeyPath, "--chip", "BL602", "--version", "2.0.1",
            "--in", folder.Combine("payload.bin"), "--out", folder.Combine("fw.img")]);
        Assert.True(mkimage.WaitForExit(TimeSpan.FromSeconds(30)));
        using var devKeys = new TrustedKeys(Options.Create(new FirmwareOptions { TrustedKeys = [OtaImages.DevPublicKeyPath] }));

        var result = new FirmwareInspector(devKeys).Inspect(File.ReadAllBytes(folder.Combine("fw.img")), "fw.img");

        Assert.Equal(0, mkimage.ExitCode);
        Assert.True(result.Ok, result.Detail);
        Assert.Equal(("BL602", "2.0.1"), (result.ChipFamily, result.Version));
    }

    [Fact]
    public void ASecondTrustedKeyAlsoVerifiesSoKeysCanBeRotated()
    {
        using var next = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var both = new TrustedKeys(Options.Create(new FirmwareOptions
        {
            TrustedKeys = [_key.ExportSubjectPublicKeyInfoPem(), next.ExportSubjectPublicKeyInfoPem()],
        }));

        Assert.True(new FirmwareInspector(both).Inspect(OtaImages.PlugImage(next, "BL602", "1.0.0", OtaImages.Payload(100)), null).Ok);
    }

    [Fact]
    public void AnImageSignedByAnUntrustedKeyIsRefusedNamingTheSignature()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var result = _inspector.Inspect(OtaImages.PlugImage(stranger, "BL602", "1.19.0", OtaImages.Payload(1000)), null);

        Assert.Equal("signature", result.FailedCheck);
    }

    [Fact]
    public void ATruncatedImageIsRefusedNamingTheTruncation()
    {
        var image = OtaImages.PlugImage(_key, "BL602", "1.19.0", OtaImages.Payload(1000));

        Assert.Equal("truncated", _inspector.Inspect(image[..^10], null).FailedCheck);
        Assert.Equal("truncated", _inspector.Inspect(image[..100], null).FailedCheck);
    }

    [Fact]
    public void ACorruptPayloadIsRefusedByItsSha256BeforeTheSignature()
    {
        var image = OtaImages.PlugImage(_key, "BL602", "1.19.0", OtaImages.Payload(1000));
        image[500] ^= 0x40;

        Assert.Equal("payload SHA-256", _inspector.Inspect(image, null).FailedCheck);
    }

    [Fact]
    public void AnUnknownChipFamilyOrBrokenHeaderIsRefused()
    {
        var image = OtaImages.PlugImage(_key, "BL602", "1.19.0", OtaImages.Payload(100));
        var otherChip = (byte[])image.Clone();
        otherChip[12] = 9;
        var badVersion = (byte[])image.Clone();
        badVersion[24] = (byte)' ';

        Assert.Equal("chip family", _inspector.Inspect(otherChip, null).FailedCheck);
        Assert.Equal("header", _inspector.Inspect(badVersion, null).FailedCheck);
    }

    [Fact]
    public void AnOpenBekenBl602ImageIsCheckedAgainstItsHeaderSha256AndTakesItsVersionFromTheReleaseName()
    {
        var image = OtaImages.Bl602Ota(OtaImages.Payload(4000));
        var corrupt = (byte[])image.Clone();
        corrupt[1000] ^= 1;

        var good = _inspector.Inspect(image, "OpenBL602_1.17.756_OTA.bin.xz.ota");

        Assert.True(good.Ok, good.Detail);
        Assert.Equal((FirmwareFormat.Bl602Ota, "BL602", "1.17.756", false), (good.Format, good.ChipFamily, good.Version, good.SignatureVerified));
        Assert.Equal("body SHA-256", _inspector.Inspect(corrupt, null).FailedCheck);
        Assert.Equal("truncated", _inspector.Inspect(image[..^1], null).FailedCheck);
    }

    [Fact]
    public void ABekenRblNeedsItsChipFromTheReleaseNameOrTheUploader()
    {
        var image = OtaImages.Rbl(OtaImages.Payload(3000), "1.18.2");
        var corrupt = (byte[])image.Clone();
        corrupt[200] ^= 1;

        var named = _inspector.Inspect(image, "OpenBK7231N_1.18.2.rbl");
        var hinted = _inspector.Inspect(image, "firmware.rbl", chipHint: "BK7231T");

        Assert.Equal(("BK7231N", "1.18.2"), (named.ChipFamily, named.Version));
        Assert.Equal("BK7231T", hinted.ChipFamily);
        Assert.Equal("chip family", _inspector.Inspect(image, "firmware.rbl").FailedCheck);
        Assert.Equal("package CRC-32", _inspector.Inspect(corrupt, "OpenBK7231N_1.18.2.rbl").FailedCheck);
    }

    [Fact]
    public void TasmotaImagesPlainOrGzippedAreRecognisedAndABrokenGzipIsRefused()
    {
        var esp = OtaImages.Payload(2048);
        esp[0] = 0xE9;
        esp[8] = 0x00;
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(esp);
        }

        var plain = _inspector.Inspect(esp, "tasmota-14.2.0.bin");
        var gz = _inspector.Inspect(packed.ToArray(), "tasmota-14.2.0.bin.gz");

        Assert.Equal((FirmwareFormat.Tasmota, "ESP8266", "14.2.0"), (plain.Format, plain.ChipFamily, plain.Version));
        Assert.True(gz.Ok, gz.Detail);
        Assert.Equal("gzip stream", _inspector.Inspect(packed.ToArray()[..^20], null).FailedCheck);
    }

    [Fact]
    public void AFileOfNoKnownFormatIsRefused() =>
        Assert.Equal("format", _inspector.Inspect("hello world"u8.ToArray(), "notes.txt").FailedCheck);

    public void Dispose()
    {
        _keys.Dispose();
        _key.Dispose();
    }
}
