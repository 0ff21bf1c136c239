namespace Hub.Energy.Storage;

/// <summary>Scaling between the meter's doubles and the stored integers (0.1 V, 1 mA, 0.1 W, 1 mWh).</summary>
public static class Units
{
    public static int? ToDv(double? volts) => volts is { } v ? (int)Math.Round(v * 10) : null;

    public static int? ToMa(double? amps) => amps is { } a ? (int)Math.Round(a * 1000) : null;

    public static int? ToDw(double? watts) => watts is { } w ? (int)Math.Round(w * 10) : null;

    public static long? ToMwh(double? wattHours) => wattHours is { } wh ? (long)Math.Round(wh * 1000) : null;

    public static double? Volts(long? dv) => dv / 10.0;

    public static double? Amps(long? ma) => ma / 1000.0;

    public static double? Watts(long? dw) => dw / 10.0;

    public static double? WattHours(long? mwh) => mwh / 1000.0;
}
