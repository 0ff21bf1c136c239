namespace Hub.Energy.Ingest;

/// <summary>
/// One plug-second being assembled from separate messages (OpenBeken sends V, A, W and the counter on their own topics).
/// The first voltage, current and power win, so a redelivered duplicate changes nothing; the counter is the last one the
/// counter tracker took in this second, and the delta the energy of all its steps.
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
