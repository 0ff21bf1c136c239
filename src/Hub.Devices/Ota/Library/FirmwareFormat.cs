namespace Hub.Devices.Ota.Library;

public enum FirmwareFormat
{
    /// <summary>Our firmware's image: <c>PLUGIMG1</c> header, payload, ECDSA P-256 signature.</summary>
    PlugImage,

    /// <summary>OpenBeken/OpenBL602 <c>.bin.ota</c> / <c>.bin.xz.ota</c>: 512-byte <c>BL60X_OTA</c> header + SHA-256 of the body.</summary>
    Bl602Ota,

    /// <summary>Beken <c>.rbl</c> package (OpenBeken on BK7231T/N).</summary>
    BekenRbl,

    /// <summary>Tasmota's ESP image, plain or gzip-compressed.</summary>
    Tasmota,
}
