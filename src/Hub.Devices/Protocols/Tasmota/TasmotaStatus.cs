using System.Text.Json;
using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols.Tasmota;

/// <summary>
/// Identity and boot info from INFO1..3 (wrapped in <c>Info1</c>.. objects since 9.x, bare before) and from the
/// <c>Status*</c> objects of STATUS replies (one STATUS0 with all of them, or one STATUSn each on older versions).
/// </summary>
internal static class TasmotaStatus
{
    public static void AddInfo(JsonElement root, Inbound inbound, List<PlugEvent> events)
    {
        var info = JsonPayload.Object(root, "Info1") ?? JsonPayload.Object(root, "Info2") ?? JsonPayload.Object(root, "Info3") ?? root;
        AddTelemetry(events, inbound, new TelemetryReported
        {
            Topic = inbound.PlugTopic,
            At = inbound.At,
            Build = TextFields.WordOrNull(JsonPayload.String(info, "Version"), "Version"),
            Model = Module(info),
            Name = TextFields.WordOrNull(JsonPayload.String(info, "Hostname"), "Hostname"),
            Ip = TextFields.Ipv4OrNull(JsonPayload.String(info, "IPAddress")),
        });
        AddBoot(info, inbound, events);
    }

    public static void AddStatus(JsonElement root, Inbound inbound, List<PlugEvent> events)
    {
        var firmware = JsonPayload.Object(root, "StatusFWR");
        var network = JsonPayload.Object(root, "StatusNET");
        var memory = JsonPayload.Object(root, "StatusMEM");
        var parameters = JsonPayload.Object(root, "StatusPRM");
        // OpenBeken answers STATUS too, with a hard-coded "HardwareWatchdog" and BootCount 22: never report those. Its
        // partition size comes from its own /api/info, never from an imitation of StatusMEM.
        var openBeken = firmware is { } sdk && JsonPayload.String(sdk, "SDK") == "obk";

        var telemetry = new TelemetryReported
        {
            Topic = inbound.PlugTopic,
            At = inbound.At,
            Build = firmware is { } f ? TextFields.WordOrNull(JsonPayload.String(f, "Version"), "Version") : null,
            Chip = firmware is { } h ? TextFields.WordOrNull(JsonPayload.String(h, "Hardware"), "Hardware") : null,
            Name = network is { } n ? TextFields.WordOrNull(JsonPayload.String(n, "Hostname"), "Hostname") : null,
            Ip = network is { } i ? TextFields.Ipv4OrNull(JsonPayload.String(i, "IPAddress")) : null,
            Mac = network is { } m ? MacAddress.NormalizeOrNull(JsonPayload.String(m, "Mac")) : null,
            FreeHeapBytes = memory is { } mem ? StateFields.FreeHeapBytes(mem) : null,
            OtaPartitionBytes = memory is { } free && !openBeken ? FreeProgramBytes(JsonPayload.Number(free, "Free")) : null,
            UptimeSeconds = parameters is { } p ? StateFields.UptimeSeconds(p) : null,
        };

        if (parameters is { } prm && !openBeken)
        {
            AddBoot(prm, inbound, events);
        }

        if (JsonPayload.Object(root, "StatusSTS") is { } state)
        {
            PowerFields.AddRelays(state, inbound, events);

            // One telemetry event for the whole reply: STATE's health merges into the identity fields.
            telemetry = telemetry with
            {
                UptimeSeconds = StateFields.UptimeSeconds(state) ?? telemetry.UptimeSeconds,
                FreeHeapBytes = StateFields.FreeHeapBytes(state) ?? telemetry.FreeHeapBytes,
                RssiDbm = StateFields.RssiDbm(state),
            };
        }

        AddTelemetry(events, inbound, telemetry);
        if (JsonPayload.Object(root, "StatusSNS") is { } sensors)
        {
            EnergyObject.Add(sensors, inbound, events);
        }
    }

    /// <summary>
    /// <c>StatusMEM.Free</c> (Status 4, and part of Status 0) is the free program space in KiB, rounded down: what an OTA
    /// image must fit in, or Tasmota needs its minimal firmware first. A value no ESP flash can hold is ignored, not fatal:
    /// the rest of the reply is still good.
    /// </summary>
    internal static long? FreeProgramBytes(double? kib) => kib is { } k && k > 0 && k <= 64 * 1024 ? (long)k * 1024 : null;

    /// <summary>RestartReason is text, or on ESP8266 after a crash an object with the dump and its Reason.</summary>
    private static void AddBoot(JsonElement obj, Inbound inbound, List<PlugEvent> events)
    {
        if (!obj.TryGetProperty("RestartReason", out var reason) || reason.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var (text, dump) = reason.ValueKind switch
        {
            JsonValueKind.String => (reason.GetString()!, null),
            JsonValueKind.Object => (JsonPayload.String(reason, "Reason") ?? "Exception", reason.GetRawText()),
            _ => throw new BadPayloadException("'RestartReason' is neither text nor a crash dump"),
        };
        text = TextFields.Word(text, "RestartReason");
        events.Add(new BootReported
        {
            Topic = inbound.PlugTopic,
            At = inbound.At,
            RebootReason = text,
            Abnormal = dump is not null || RebootReasons.IsAbnormal(text),
            BootCount = JsonPayload.Integer(obj, "BootCount") is { } count ? ValueRanges.BootCount(count) : null,
            LastLogLines = dump is null ? [] : [dump],
        });
    }

    private static string? Module(JsonElement info) =>
        info.TryGetProperty("Module", out var module) && module.ValueKind == JsonValueKind.String
            ? TextFields.Word(module.GetString()!, "Module")
            : null;

    private static void AddTelemetry(List<PlugEvent> events, Inbound inbound, TelemetryReported t)
    {
        if (t != new TelemetryReported { Topic = inbound.PlugTopic, At = inbound.At })
        {
            events.Add(t);
        }
    }
}
