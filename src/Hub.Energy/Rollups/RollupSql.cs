using Hub.Energy.Storage;

namespace Hub.Energy.Rollups;

/// <summary>
/// Set-based rollup statements in SQL that SQLite and PostgreSQL both accept (quoted names, ON CONFLICT upserts,
/// integer division). Buckets are recomputed from the level below, never added to, so running them twice is harmless.
/// </summary>
internal static class RollupSql
{
    public const long PlugStride = 1L << 32;

    private const string Columns = RollupValues.Columns;

    private const string Replace = """
        ON CONFLICT ("Key") DO UPDATE SET "EnergyMwh" = excluded."EnergyMwh", "Samples" = excluded."Samples",
            "PowerSamples" = excluded."PowerSamples", "PowerSumDw" = excluded."PowerSumDw",
            "MinPowerDw" = excluded."MinPowerDw", "MaxPowerDw" = excluded."MaxPowerDw",
            "MinVoltageDv" = excluded."MinVoltageDv", "MaxVoltageDv" = excluded."MaxVoltageDv",
            "MinCurrentMa" = excluded."MinCurrentMa", "MaxCurrentMa" = excluded."MaxCurrentMa",
            "OnlineMinutes" = excluded."OnlineMinutes"
        """;

    /// <summary>Minute buckets from raw readings, for raw seconds in [{0}, {1}).</summary>
    public static string MinutesFromReadings { get; } = $$"""
        INSERT INTO "MinuteRollups" ({{Columns}})
        SELECT p."PlugId" * {{PlugStride}} + (r."Key" - p."PlugId" * {{PlugStride}}) / 60,
            coalesce(sum(r."DeltaMwh"), 0), count(*), count(r."PowerDw"), coalesce(sum(r."PowerDw"), 0),
            min(r."PowerDw"), max(r."PowerDw"), min(r."VoltageDv"), max(r."VoltageDv"),
            min(r."CurrentMa"), max(r."CurrentMa"), 1
        FROM "EnergyPlugs" p
        JOIN "Readings" r ON r."Key" >= p."PlugId" * {{PlugStride}} + {0} AND r."Key" < p."PlugId" * {{PlugStride}} + {1}
        WHERE 1 = 1
        GROUP BY p."PlugId", (r."Key" - p."PlugId" * {{PlugStride}}) / 60
        {{Replace}}
        """;

    /// <summary>
    /// Buckets of <paramref name="target"/> from <paramref name="source"/> rows in [{0}, {1}); the bucket is the source
    /// bucket divided by <paramref name="divisor"/>, or the fixed bucket {2} when <paramref name="divisor"/> is 0.
    /// </summary>
    public static string Aggregate(string target, string source, int divisor)
    {
        var bucket = divisor == 0 ? "{2}" : $"(s.\"Key\" - p.\"PlugId\" * {PlugStride}) / {divisor}";
        var groupBy = divisor == 0 ? "p.\"PlugId\"" : $"p.\"PlugId\", {bucket}";
        return $$"""
            INSERT INTO "{{target}}" ({{Columns}})
            SELECT p."PlugId" * {{PlugStride}} + {{bucket}},
                sum(s."EnergyMwh"), sum(s."Samples"), sum(s."PowerSamples"), sum(s."PowerSumDw"),
                min(s."MinPowerDw"), max(s."MaxPowerDw"), min(s."MinVoltageDv"), max(s."MaxVoltageDv"),
                min(s."MinCurrentMa"), max(s."MaxCurrentMa"), sum(s."OnlineMinutes")
            FROM "EnergyPlugs" p
            JOIN "{{source}}" s ON s."Key" >= p."PlugId" * {{PlugStride}} + {0} AND s."Key" < p."PlugId" * {{PlugStride}} + {1}
            WHERE 1 = 1
            GROUP BY {{groupBy}}
            {{Replace}}
            """;
    }

    /// <summary>
    /// The fleet's total as plug 0 (never a real plug: ingest refuses it) for buckets in [{0}, {1}) of
    /// <paramref name="table"/>, so fleet answers read one row per bucket instead of one per plug.
    /// </summary>
    public static string Fleet(string table) => $$"""
        INSERT INTO "{{table}}" ({{Columns}})
        SELECT s."Key" - p."PlugId" * {{PlugStride}},
            sum(s."EnergyMwh"), sum(s."Samples"), sum(s."PowerSamples"), sum(s."PowerSumDw"),
            min(s."MinPowerDw"), max(s."MaxPowerDw"), min(s."MinVoltageDv"), max(s."MaxVoltageDv"),
            min(s."MinCurrentMa"), max(s."MaxCurrentMa"), sum(s."OnlineMinutes")
        FROM "EnergyPlugs" p
        JOIN "{{table}}" s ON s."Key" >= p."PlugId" * {{PlugStride}} + {0} AND s."Key" < p."PlugId" * {{PlugStride}} + {1}
        WHERE 1 = 1
        GROUP BY s."Key" - p."PlugId" * {{PlugStride}}
        {{Replace}}
        """;
}
