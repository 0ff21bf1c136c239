using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Storage;

internal sealed class DatabaseMigrationWorker<TContext>(
    IServiceScopeFactory scopes,
    DatabaseMigrationState<TContext> state,
    IHostApplicationLifetime lifetime,
    ILogger<DatabaseMigrationWorker<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    // All modules share one SQLite file by default; migrating them one at a time avoids lock contention.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await OneAtATime.WaitAsync(stoppingToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            ProviderSpecifics.PrepareStore(db);
            await db.Database.MigrateAsync(stoppingToken);
            await ProviderSpecifics.TuneAsync(db, stoppingToken);
            foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder<TContext>>())
            {
                await seeder.SeedAsync(db, stoppingToken);
            }

            state.MarkReady();
            logger.LogInformation("Database {Context} is migrated and ready", typeof(TContext).Name);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            state.MarkFailed(new OperationCanceledException("The hub stopped before the database was migrated."));
        }
        catch (Exception ex)
        {
            // Without its database the hub cannot do anything useful: stop rather than limp along unready.
            logger.LogCritical(ex, "Migrating database {Context} failed; the hub stops", typeof(TContext).Name);
            state.MarkFailed(ex);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
