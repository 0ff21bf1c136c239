using Hub.Devices.Fleet.Events;
using Hub.Energy.Storage;

namespace Hub.Energy.Ingest;

/// <summary>The bad-input rules: what a BL0937 cannot have measured is refused before it can reach a total.</summary>
internal sealed class ReadingFilter(EnergyOptions options)
{
    private readonly HashSet<long> _negativeAllowed = [.. options.AllowNegativePowerPlugs];

    public Refusal? Check(ReadingReported reading, DateTimeOffset now)
    {
        return !ReadingKey.IsValidPlugId(reading.PlugId) ? Refusal.UnknownPlug
            : !Finite(reading.VoltageV) || !Finite(reading.CurrentA) || !Finite(reading.PowerW)
              || !Finite(reading.EnergyCounterWh) ? Refusal.NotANumber
            : reading.Channel != 1 ? Refusal.UnsupportedChannel
            : reading.PowerW < 0 && !_negativeAllowed.Contains(reading.PlugId) ? Refusal.NegativePower
            : reading.VoltageV > options.MaxVoltageV || reading.VoltageV < 0 ? Refusal.VoltageTooHigh
            : reading.At > now.AddSeconds(options.MaxFutureSeconds) ? Refusal.InTheFuture
            : reading.At < now.AddDays(-options.RawRetentionDays) ? Refusal.OlderThanRetention
            : null;
    }

    private static bool Finite(double? value) => value is not { } v || double.IsFinite(v);
}
