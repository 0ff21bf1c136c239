using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Ota.Library;

public sealed class FirmwareOptions
{
    public const string Section = "Ota:Firmware";

    /// <summary>Largest upload accepted; larger ones are cut off with 413 before they fill the disk.</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Public keys (PEM text, or a path to a PEM file) whose signatures on our images the hub accepts. Several, so a
    /// new key can be added before the old one is retired.
    /// </summary>
    public List<string> TrustedKeys { get; set; } = [];
}
