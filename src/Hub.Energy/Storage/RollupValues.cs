using System.Data.Common;

namespace Hub.Energy.Storage;

/// <summary>A rollup row as a query reads it, without entity materialisation.</summary>
internal sealed record RollupValues(
    long Key,
    long EnergyMwh,
    int Samples,
    int PowerSamples,
    long PowerSumDw,
    int? MinPowerDw,
    int? MaxPowerDw,
    int? MinVoltageDv,
    int? MaxVoltageDv,
    int? MinCurrentMa,
    int? MaxCurrentMa,
    int OnlineMinutes)
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = "\"Key\", \"EnergyMwh\", \"Samples\", \"PowerSamples\", \"PowerSumDw\", \"MinPowerDw\", "
        + "\"MaxPowerDw\", \"MinVoltageDv\", \"MaxVoltageDv\", \"MinCurrentMa\", \"MaxCurrentMa\", \"OnlineMinutes\"";

    public static RollupValues Read(DbDataReader reader) => new(reader.GetInt64(0), reader.GetInt64(1),
        reader.GetInt32(2), reader.GetInt32(3), reader.GetInt64(4), NullableInt(reader, 5), NullableInt(reader, 6),
        NullableInt(reader, 7), NullableInt(reader, 8), NullableInt(reader, 9), NullableInt(reader, 10), reader.GetInt32(11));

    private static int? NullableInt(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}
