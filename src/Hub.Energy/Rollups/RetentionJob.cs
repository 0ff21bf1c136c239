using Hub.Devices.Storage;
using Hub.Energy.Storage;
using Quartz;

namespace Hub.Energy.Rollups;

/// <summary>Hourly, so each run has at most about an hour of expired rows per plug to remove.</summary>
[DisallowConcurrentExecution]
internal sealed class RetentionJob(RetentionService retention, DatabaseMigrationState<EnergyDb> migration) : IJob
{
    public static readonly JobKey Key = new("energy-retention", "energy");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // The first run fires at start, possibly before the store is migrated.
        await migration.Migrated.WaitAsync(cancellationToken);
        await retention.RunAsync(cancellationToken);
    }
}
