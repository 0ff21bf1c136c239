using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Protocols;

/// <summary>Limits every protocol applies to what plugs send.</summary>
public sealed class PlugProtocolOptions
{
    public const string Section = "Protocols";

    /// <summary>
    /// Larger payloads are refused before any parsing. OpenBeken cannot even receive more than 2 KiB and Tasmota's
    /// biggest message (STATUS0) stays under 4 KiB, so 16 KiB leaves room without inviting a 1 MB JSON parse.
    /// </summary>
    [Range(256, 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 16 * 1024;
}
