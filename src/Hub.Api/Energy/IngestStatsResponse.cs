using Hub.Energy.Ingest;

namespace Hub.Api.Energy;

public sealed record IngestStatsResponse(
    long Stored, long Batches, long FailedBatches, long RefusedTotal, IReadOnlyList<RefusedCount> Refused);
