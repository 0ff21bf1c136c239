using Hub.Devices.Fleet;
using Hub.Devices.Ota.Delivery;
using Hub.Devices.Ota.Library;
using Hub.Devices.Protocols;

namespace Hub.Devices.Ota.Rollouts;

/// <summary>The checks made per plug before an image is sent: the wrong chip bricks, an oversize image cannot land.</summary>
public static class Compatibility
{
    /// <summary>
    /// OTA partition sizes by chip when the plug did not report its own (fact sheet §2.4/§2.5). None for ESP32: its app
    /// slots depend on the partition table the build chose (Arduino's 4 MB default has 0x140000-byte slots, its
    /// min_spiffs table 0x1E0000, Tasmota's own tables others again), so only the space the plug reports is trusted.
    /// </summary>
    public static long? DefaultPartitionBytes(string chip) => chip.ToUpperInvariant() switch
    {
        "BL602" => 0x88000, // slot 1 of OpenBeken's 2 MB table, the smaller one: the seed's 557,056 bytes
        "BK7231N" => 0x1D0000 - 0x12A000,
        "BK7231T" => 0x1B3000 - 0x132000,
        "ESP8266" => TasmotaChip.Esp8266ProgramBytes,
        _ => null,
    };

    public static PlugVerdict Check(Plug plug, FirmwareImage image, bool force, long? busyInRollout = null,
        OtaDelivery delivery = OtaDelivery.Auto)
    {
        var current = FirmwareVersion.Of(plug.FirmwareBuild);
        PlugVerdict No(string reason) => new(plug.Id, plug.Topic, false, reason, current);
        if (plug.Status != PlugStatus.Adopted)
        {
            return No("not adopted");
        }

        if (busyInRollout is { } other)
        {
            return No($"already in rollout {other}");
        }

        if (string.IsNullOrEmpty(plug.Chip))
        {
            return No("chip unknown: the plug has not reported its build yet");
        }

        var tasmota = plug.Protocol == PlugProtocolKind.Tasmota;
        if (tasmota && image.Format != FirmwareFormat.Tasmota)
        {
            return No($"Tasmota plugs take only Tasmota images, not a {image.Format} image for {image.ChipFamily}");
        }

        // Tasmota names the exact chip (ESP8266EX, ESP32-D0WD-V3); its images name the family.
        var chip = tasmota ? TasmotaChip.Family(plug.Chip)! : plug.Chip;
        if (!string.Equals(chip, image.ChipFamily, StringComparison.OrdinalIgnoreCase))
        {
            return No($"chip {plug.Chip} does not match the image's {image.ChipFamily}");
        }

        // On an ESP8266 Tasmota writes the new image beside the running one, into the free space it reports. ESP32 builds
        // with a single app slot (safeboot) rewrite the whole slot and report the slot less the running image, which
        // understates the room, so there the reported number is not a limit.
        var reported = tasmota && !string.Equals(chip, "ESP8266", StringComparison.OrdinalIgnoreCase) ? null : plug.OtaPartitionBytes;
        if (tasmota && reported is { } free && image.SizeBytes > free)
        {
            // When it does not fit, Tasmota needs its minimal build first.
            return No($"image of {image.SizeBytes} bytes does not fit the {free} bytes of free program space the plug reports " +
                "(Tasmota StatusMEM.Free): update it to Tasmota's minimal image first, then to this one");
        }

        if ((reported ?? DefaultPartitionBytes(chip)) is { } partition && image.SizeBytes > partition)
        {
            return No($"image of {image.SizeBytes} bytes does not fit the {partition}-byte OTA partition");
        }

        if (FirmwareVersion.Same(current, image.Version))
        {
            return No($"already on {image.Version}");
        }

        if (!force && FirmwareVersion.Compare(image.Version, current) < 0)
        {
            return No($"downgrade from {current} to {image.Version} (force to allow)");
        }

        var (how, refusal) = DeliveryChoice.For(plug, delivery);
        return refusal is null ? new PlugVerdict(plug.Id, plug.Topic, true, null, current, how) : No(refusal);
    }
}
