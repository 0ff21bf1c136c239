using Quartz;

namespace Hub.Energy.Rollups;

/// <summary>Every minute, and once at start to catch up after downtime: roll up what ingest marked dirty.</summary>
[DisallowConcurrentExecution]
internal sealed class RollupJob(RollupService rollups) : IJob
{
    public static readonly JobKey Key = new("energy-rollups", "energy");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await rollups.CatchUpAsync(cancellationToken);
}
