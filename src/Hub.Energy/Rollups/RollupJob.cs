using Hub.Devices.Storage;
using Hub.Energy.Storage;
using Quartz;

namespace Hub.Energy.Rollups;

/// <summary>
/// Every minute, and once at start to catch up after downtime: roll up what ingest marked dirty, then pack the hour
/// rollups of days that are complete into blocks.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RollupJob(
    RollupService rollups, HourBlockPacker packer, DatabaseMigrationState<EnergyDb> migration) : IJob
{
    public static readonly JobKey Key = new("energy-rollups", "energy");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // The first run fires at start, possibly before the store is migrated.
        await migration.Migrated.WaitAsync(cancellationToken);
        await rollups.CatchUpAsync(cancellationToken);
        await packer.PackAsync(HourBlockPacker.DaysPerRun, cancellationToken);
    }
}
