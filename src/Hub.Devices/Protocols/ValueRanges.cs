using System.Globalization;

namespace Hub.Devices.Protocols;

/// <summary>
/// What a mains plug can physically report. Values outside are firmware or transmission faults, and storing them
/// would poison rollups (one 1e300 Wh reading ruins a year's total), so the whole message is refused.
/// </summary>
internal static class ValueRanges
{
    public static double Voltage(double v) => Check(v, 0, 1000, "voltage");

    public static double Current(double a) => Check(a, 0, 1000, "current");

    // Negative power is real: OpenBeken flag 25 and bidirectional meters report export.
    public static double Power(double w) => Check(w, -1_000_000, 1_000_000, "power");

    // 1 TWh: far beyond any plug's life, far below where double stops counting single Wh.
    public static double EnergyWh(double wh) => Check(wh, 0, 1e12, "energy counter");

    public static double Frequency(double hz) => Check(hz, 0, 1000, "frequency");

    public static long Uptime(long s) => (long)Check(s, 0, 100L * 366 * 24 * 3600, "uptime");

    public static long Heap(long bytes) => (long)Check(bytes, 0, 1L << 32, "free heap");

    public static int Rssi(long dbm) => (int)Check(dbm, -150, 0, "RSSI");

    public static int BootCount(long n) => (int)Check(n, 0, int.MaxValue, "boot count");

    public static double ParseNumber(string text, string what)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ||
            !double.IsFinite(value))
        {
            throw new BadPayloadException($"{what} '{Clip(text)}' is not a number");
        }

        return value;
    }

    public static long ParseInteger(string text, string what) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BadPayloadException($"{what} '{Clip(text)}' is not an integer");

    /// <summary>Keeps a quoted piece of a bad payload short enough for a log line.</summary>
    public static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private static double Check(double value, double min, double max, string what) =>
        double.IsFinite(value) && value >= min && value <= max
            ? value
            : throw new BadPayloadException(
                string.Create(CultureInfo.InvariantCulture, $"{what} {value} is outside {min}..{max}"));
}
