namespace Hub.Devices.Ota.Library;

/// <summary>Tells the format of an uploaded image by its first bytes and runs that format's checks.</summary>
public sealed class FirmwareInspector(TrustedKeys keys)
{
    /// <summary>
    /// <paramref name="chipHint"/> and <paramref name="versionHint"/> are what the uploader says, used only for formats
    /// that do not say themselves (the chip of a Beken RBL, the version of a Tasmota image).
    /// </summary>
    public ImageInspection Inspect(byte[] image, string? fileName, string? chipHint = null, string? versionHint = null)
    {
        ReadOnlySpan<byte> span = image;
        if (span.StartsWith(SignedImage.Magic))
        {
            return SignedImage.Inspect(span, keys);
        }

        if (span.StartsWith(Bl602OtaImage.Magic))
        {
            return Bl602OtaImage.Inspect(span, fileName);
        }

        if (span.StartsWith(RblImage.Magic))
        {
            return RblImage.Inspect(span, fileName, chipHint);
        }

        if (span.Length > 0 && (span[0] == TasmotaImage.EspMagic || TasmotaImage.IsGzip(span)))
        {
            return TasmotaImage.Inspect(image, fileName, versionHint);
        }

        return ImageInspection.Refused("format",
            "not a known image: expected our signed image (PLUGIMG1), an OpenBeken BL602 .ota, a Beken .rbl or a Tasmota .bin/.bin.gz");
    }
}
