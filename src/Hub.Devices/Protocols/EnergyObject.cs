using System.Text.Json;
using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols;

/// <summary>
/// The ENERGY object of Tasmota's SENSOR and StatusSNS, which OpenBeken imitates with flag 30. Single meters send
/// numbers; multi-channel meters (Shelly 2.5, 3-phase) send arrays for what they measure per channel and numbers for
/// what they share (one voltage) or sum (Total, unless SetOption129 makes it an array). Tasmota's Total is kWh;
/// OpenBeken sends ConsumptionTotal in Wh instead; the hub counts Wh.
/// </summary>
internal static class EnergyObject
{
    // More than this is no mains meter; refuse rather than fan one message out into hundreds of readings.
    private const int MaxChannels = 8;

    public static void Add(JsonElement root, Inbound inbound, List<PlugEvent> events)
    {
        if (JsonPayload.Object(root, "ENERGY") is not { } energy)
        {
            return;
        }

        var voltage = Values(energy, "Voltage", ValueRanges.Voltage);
        var current = Values(energy, "Current", ValueRanges.Current);
        var power = Values(energy, "Power", ValueRanges.Power);
        var totalWh = energy.TryGetProperty("Total", out _)
            ? Values(energy, "Total", kwh => ValueRanges.EnergyWh(kwh * 1000))
            : Values(energy, "ConsumptionTotal", ValueRanges.EnergyWh);
        var frequency = Values(energy, "Frequency", ValueRanges.Frequency);
        var stamp = PlugStamp.Utc(root);

        var channels = new[] { voltage, current, power, totalWh, frequency }.Max(v => v.Array?.Length ?? 1);

        if (channels == 1)
        {
            AddReading(events, inbound, stamp, 1, voltage.At(0), current.At(0), power.At(0), totalWh.At(0), frequency.At(0));
            return;
        }

        for (var i = 0; i < channels; i++)
        {
            // Voltage and frequency given once are the same on every channel of the meter.
            AddReading(events, inbound, stamp, i + 1, voltage.Shared(i), current.PerChannel(i), power.PerChannel(i),
                totalWh.PerChannel(i), frequency.Shared(i));
        }

        // Numbers next to arrays are sums over the meter: they belong to no single channel.
        AddReading(events, inbound, stamp, 0, null, current.Sum, power.Sum, totalWh.Sum, null);
    }

    private static void AddReading(
        List<PlugEvent> events, Inbound inbound, DateTimeOffset? stamp, int channel, double? v, double? a, double? w, double? wh, double? hz)
    {
        if (v is not null || a is not null || w is not null || wh is not null || hz is not null)
        {
            events.Add(new ReadingReported
            {
                Topic = inbound.PlugTopic, At = stamp ?? inbound.At, StampedByPlug = stamp is not null, Channel = channel,
                VoltageV = v, CurrentA = a, PowerW = w, EnergyCounterWh = wh, FrequencyHz = hz,
            });
        }
    }

    private static Field Values(JsonElement energy, string name, Func<double, double> check)
    {
        if (!energy.TryGetProperty(name, out var value))
        {
            return default;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return JsonPayload.NumberValue(value, name) is { } single ? new Field(check(single), null) : default;
        }

        var length = value.GetArrayLength();
        if (length is 0 or > MaxChannels)
        {
            throw new BadPayloadException($"'{name}' has {length} channels, not 1..{MaxChannels}");
        }

        return new Field(null, [.. value.EnumerateArray().Select(e => JsonPayload.NumberValue(e, name) is { } d ? check(d) : (double?)null)]);
    }

    private readonly record struct Field(double? Single, double?[]? Array)
    {
        public double? Sum => Array is null ? Single : null;

        public double? At(int i) => Array is null ? Single : Array[i];

        public double? PerChannel(int i) => Array is not null && i < Array.Length ? Array[i] : null;

        public double? Shared(int i) => Array is null ? Single : PerChannel(i);
    }
}
