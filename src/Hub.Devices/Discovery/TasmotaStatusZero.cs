using System.Text.Json;
using Hub.Devices.Protocols;
using Hub.Devices.Protocols.Tasmota;

namespace Hub.Devices.Discovery;

/// <summary>
/// Reads Tasmota's <c>/cm?cmnd=Status%200</c> answer: <c>Status.Topic</c>, <c>StatusNET.Mac/IPAddress/Hostname</c>,
/// <c>StatusFWR.Version/Hardware</c>, <c>StatusPRM.RestartReason/BootCount</c>, the uptime from
/// <c>StatusSTS.UptimeSec</c> and the free program space from <c>StatusMEM.Free</c>. Shapes from 8.x to 13.x carry these same keys.
/// </summary>
internal static class TasmotaStatusZero
{
    private static readonly JsonDocumentOptions Json = new() { MaxDepth = 16 };

    public static PlugIdentity? Parse(string body, Uri endpoint)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !Section(root, "StatusNET", out var net)
                || HttpFields.String(net, "Mac") is not { } macText)
            {
                return null;
            }

            string mac;
            try
            {
                mac = MacAddress.Normalize(macText);
            }
            catch (BadPayloadException)
            {
                return null;
            }

            Section(root, "Status", out var status);
            Section(root, "StatusFWR", out var firmware);
            Section(root, "StatusPRM", out var parameters);
            Section(root, "StatusSTS", out var state);
            Section(root, "StatusMEM", out var memory);
            return new PlugIdentity
            {
                Protocol = PlugProtocolKind.Tasmota,
                HttpEndpoint = HttpFields.EndpointText(endpoint),
                Topic = HttpFields.TopicLevel(Get(status, "Topic")),
                Mac = mac,
                Chip = HttpFields.Word(Get(firmware, "Hardware"), 32),
                // "12.5.0(tasmota)": the variant in brackets is not part of the version Tasmota's discovery message sends.
                FirmwareBuild = HttpFields.Word(Get(firmware, "Version")?.Split('(')[0], 64),
                ShortName = HttpFields.Word(Get(net, "Hostname"), 64),
                Ip = HttpFields.Ipv4(Get(net, "IPAddress")),
                UptimeSeconds = Number(state, "UptimeSec") is { } up and >= 0 ? (long)up : null,
                RebootReason = HttpFields.Word(Get(parameters, "RestartReason"), 64),
                BootCount = Number(parameters, "BootCount") is { } boots and >= 0 and <= int.MaxValue ? (int)boots : null,
                OtaPartitionBytes = TasmotaStatus.FreeProgramBytes(Number(memory, "Free")),
            };
        }
    }

    private static bool Section(JsonElement root, string name, out JsonElement section)
    {
        section = root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;
        return section.ValueKind == JsonValueKind.Object;
    }

    private static string? Get(JsonElement section, string name) =>
        section.ValueKind == JsonValueKind.Object ? HttpFields.String(section, name) : null;

    private static double? Number(JsonElement section, string name) =>
        section.ValueKind == JsonValueKind.Object ? HttpFields.Number(section, name) : null;
}
