using System.Collections.Concurrent;

namespace Hub.Energy.Ingest;

/// <summary>Counts of what ingest did since start, refusals per plug and reason, for the API and the logs.</summary>
public sealed class IngestStats
{
    private readonly ConcurrentDictionary<(long PlugId, Refusal Reason), long> _refused = new();
    private long _stored;
    private long _batches;
    private long _failedBatches;

    public long Stored => Interlocked.Read(ref _stored);

    public long Batches => Interlocked.Read(ref _batches);

    public long FailedBatches => Interlocked.Read(ref _failedBatches);

    public long RefusedTotal => _refused.Values.Sum();

    public IReadOnlyList<RefusedCount> Refused() =>
        [.. _refused.Select(r => new RefusedCount(r.Key.PlugId, r.Key.Reason, r.Value)).OrderBy(r => r.PlugId)];

    internal void CountRefused(long plugId, Refusal reason) =>
        _refused.AddOrUpdate((plugId, reason), 1, (_, n) => n + 1);

    internal void CountBatch(int readings)
    {
        Interlocked.Add(ref _stored, readings);
        Interlocked.Increment(ref _batches);
    }

    internal void CountFailedBatch() => Interlocked.Increment(ref _failedBatches);
}
