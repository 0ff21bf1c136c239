namespace Hub.Energy.Ingest;

/// <summary>
/// One plug-second being assembled from separate messages (OpenBeken sends V, A, W and the counter on their own topics).
/// The first value of each kind wins, so a redelivered duplicate changes nothing.
/// </summary>
internal sealed class PendingRow(long key)
{
    public long Key { get; } = key;

    public int? VoltageDv { get; set; }

    public int? CurrentMa { get; set; }

    public int? PowerDw { get; set; }

    public long? CounterMwh { get; set; }

    public long? DeltaMwh { get; set; }
}
