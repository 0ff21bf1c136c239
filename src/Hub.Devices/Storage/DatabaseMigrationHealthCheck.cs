using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hub.Devices.Storage;

internal sealed class DatabaseMigrationHealthCheck<TContext>(DatabaseMigrationState<TContext> state) : IHealthCheck
    where TContext : DbContext
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var name = typeof(TContext).Name;
        var result = state.IsReady ? HealthCheckResult.Healthy($"{name} migrated")
            : state.Failure is { } failure ? HealthCheckResult.Unhealthy($"{name} migration failed", failure)
            : HealthCheckResult.Unhealthy($"{name} is still migrating");
        return Task.FromResult(result);
    }
}
