namespace Hub.Energy.Storage;

/// <summary>
/// One second of one plug's meter, merged from however many messages reported it. Values are scaled integers because
/// SQLite stores small integers in one to three bytes and every REAL in eight; see <see cref="Units"/>.
/// </summary>
public sealed class Reading
{
    /// <summary>The plug id and Unix second packed by <see cref="ReadingKey"/>: one B-tree, sorted by plug then time.</summary>
    public long Key { get; set; }

    public int? VoltageDv { get; set; }

    public int? CurrentMa { get; set; }

    public int? PowerDw { get; set; }

    /// <summary>The plug's own counter as it reported it.</summary>
    public long? CounterMwh { get; set; }

    /// <summary>Energy this reading added to the plug's lifetime total (after reset and glitch handling).</summary>
    public long? DeltaMwh { get; set; }
}
