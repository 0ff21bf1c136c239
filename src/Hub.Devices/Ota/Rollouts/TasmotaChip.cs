namespace Hub.Devices.Ota.Rollouts;

/// <summary>
/// Tasmota reports its chip as <c>StatusFWR.Hardware</c> ("ESP8266EX", "ESP8285N08", "ESP32-D0WD-V3", "ESP32-C3"); images
/// name a family ("ESP8266", "ESP32", "ESP32-C3", ...). ESP8285 is an ESP8266 with flash inside and runs its images.
/// </summary>
public static class TasmotaChip
{
    private static readonly string[] Esp32Variants = ["ESP32-S2", "ESP32-S3", "ESP32-C2", "ESP32-C3", "ESP32-C6", "ESP32-H2", "ESP32-P4"];

    public static string? Family(string? hardware)
    {
        if (string.IsNullOrWhiteSpace(hardware))
        {
            return null;
        }

        var text = hardware.Trim().ToUpperInvariant();
        if (text.StartsWith("ESP8266", StringComparison.Ordinal) || text.StartsWith("ESP8285", StringComparison.Ordinal))
        {
            return "ESP8266";
        }

        if (Esp32Variants.FirstOrDefault(v => text.StartsWith(v, StringComparison.Ordinal)) is { } variant)
        {
            return variant;
        }

        return text.StartsWith("ESP32", StringComparison.Ordinal) ? "ESP32" : text;
    }

    /// <summary>
    /// The largest image an ESP8266 can take: it maps at most 1 MiB of flash as program space, so no application image
    /// above that runs on any of them. The real free space is smaller (the running image and the new one share it) and
    /// Tasmota's own check refuses then; the hub only refuses what can never fit.
    /// </summary>
    public const long Esp8266ProgramBytes = 1024 * 1024;
}
