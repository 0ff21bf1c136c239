namespace Hub.Energy.Ingest;

public sealed record RefusedCount(long PlugId, Refusal Reason, long Count);
