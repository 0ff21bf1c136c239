using System.Collections.Frozen;
using System.Globalization;
using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols.OpenBeken;

/// <summary>OpenBeken's one-value topics: channels and energy (<c>&lt;T&gt;/x/get</c>) and self info (<c>&lt;T&gt;/x</c>).</summary>
internal sealed class OpenBekenValues(OpenBekenOptions options)
{
    /// <summary>Self-info items the hub uses; ours adds the boot and OTA topics. temp, ssid, datetime, sockets are not needed.</summary>
    public static readonly FrozenSet<string> SelfItems = FrozenSet.Create(
        StringComparer.Ordinal,
        "host", "build", "mac", "ip", "rssi", "uptime", "freeheap", "rebootreason", "bootcount", "lastlog", "ota");

    // Values OpenBeken publishes that carry nothing the hub keeps (derived, daily or LED state).
    private static readonly FrozenSet<string> IgnoredValues = FrozenSet.Create(
        StringComparer.Ordinal,
        "power_apparent", "power_reactive", "power_factor", "energycounter_last_hour", "energycounter_today",
        "energycounter_yesterday", "energycounter_2_days_ago", "energycounter_3_days_ago", "energycounter_clear_date",
        "consumption_stats", "led_enableAll", "led_dimmer", "led_temperature", "led_finalcolor_rgb", "led_basecolor_rgb");

    // The BL0942/CSE frequency is published under the name "138", not a channel (fact sheet §1.4).
    private const int FrequencyItem = 138;

    public IReadOnlyList<PlugEvent> Value(Inbound inbound, string name, string text)
    {
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var channel))
        {
            return channel == FrequencyItem
                ? [Reading(inbound) with { FrequencyHz = ValueRanges.Frequency(ValueRanges.ParseNumber(text, "frequency")) }]
                : Relay(inbound, channel, text);
        }

        return name switch
        {
            "voltage" => [Reading(inbound) with { VoltageV = ValueRanges.Voltage(ValueRanges.ParseNumber(text, name)) }],
            "current" => [Reading(inbound) with { CurrentA = ValueRanges.Current(ValueRanges.ParseNumber(text, name)) }],
            "power" => [Reading(inbound) with { PowerW = ValueRanges.Power(ValueRanges.ParseNumber(text, name)) }],
            "energycounter" => [Reading(inbound) with { EnergyCounterWh = ValueRanges.EnergyWh(Wh(ValueRanges.ParseNumber(text, name))) }],
            _ when IgnoredValues.Contains(name) => [],
            _ => throw new BadPayloadException($"'{ValueRanges.Clip(name)}' is not a value OpenBeken publishes"),
        };
    }

    public static IReadOnlyList<PlugEvent> SelfItem(Inbound inbound, string item, ReadOnlySpan<byte> payload, string text)
    {
        var telemetry = new TelemetryReported { Topic = inbound.PlugTopic, At = inbound.At };
        return item switch
        {
            "host" => [telemetry with { Name = TextFields.Word(text, "host") }],
            "build" => [telemetry with { Build = TextFields.Word(text, "build"), Chip = ChipOf(text) }],
            "mac" => [telemetry with { Mac = MacAddress.Normalize(text) }],
            "ip" => [telemetry with { Ip = TextFields.Ipv4(text) }],
            "rssi" => [telemetry with { RssiDbm = ValueRanges.Rssi(ValueRanges.ParseInteger(text, item)) }],
            "uptime" => [telemetry with { UptimeSeconds = ValueRanges.Uptime(ValueRanges.ParseInteger(text, item)) }],
            "freeheap" => [telemetry with { FreeHeapBytes = ValueRanges.Heap(ValueRanges.ParseInteger(text, item)) }],
            "bootcount" => [telemetry with { BootCount = ValueRanges.BootCount(ValueRanges.ParseInteger(text, item)) }],
            "rebootreason" => [Boot(inbound, TextFields.Word(text, "reboot reason"))],
            "lastlog" => [new BootLogReported { Topic = inbound.PlugTopic, At = inbound.At, Lines = Lines(text) }],
            _ => OtaProgress.Parse(inbound, payload),
        };
    }

    public static BootReported Boot(Inbound inbound, string reason) => new()
    {
        Topic = inbound.PlugTopic, At = inbound.At, RebootReason = reason, Abnormal = RebootReasons.IsAbnormal(reason),
    };

    /// <summary>"OpenBL602 1.18.x Jul 24 2026 10:41:55" names the chip after "Open"; older builds say "Build on ...".</summary>
    public static string? ChipOf(string build)
    {
        var space = build.IndexOf(' ', StringComparison.Ordinal);
        return build.StartsWith("Open", StringComparison.Ordinal) && space > 4 ? build[4..space] : null;
    }

    private IReadOnlyList<PlugEvent> Relay(Inbound inbound, int wireChannel, string text)
    {
        if (wireChannel > 63)
        {
            throw new BadPayloadException($"channel {wireChannel} is outside 0..63");
        }

        // Relay n is wire channel n - 1 + FirstRelayChannel: the same rule by which OpenBeken maps POWERn to a channel,
        // so a channel publish and a POWERn RESULT name the same relay. Channels also carry buttons, ADCs and dimmers:
        // only 0/1 can be a relay, anything else is not reported, and the fleet ignores channels it has no relay on.
        var value = ValueRanges.ParseNumber(text, "channel value");
        var relay = wireChannel - options.FirstRelayChannel + 1;
        return relay >= 1 && value is 0 or 1
            ? [new RelayReported { Topic = inbound.PlugTopic, At = inbound.At, Channel = relay, On = value == 1 }]
            : [];
    }

    private double Wh(double counter) => options.EnergyCounterInKwh ? counter * 1000 : counter;

    private static ReadingReported Reading(Inbound inbound) => new() { Topic = inbound.PlugTopic, At = inbound.At };

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
