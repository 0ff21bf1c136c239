using Microsoft.EntityFrameworkCore;

namespace Hub.Devices.Storage;

/// <summary>Whether a module's database has been migrated; readiness and dependent start-up work wait on it.</summary>
public sealed class DatabaseMigrationState<TContext>
    where TContext : DbContext
{
    private readonly TaskCompletionSource _migrated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Migrated => _migrated.Task;

    public bool IsReady => _migrated.Task.IsCompletedSuccessfully;

    public Exception? Failure => _migrated.Task.Exception?.InnerException;

    internal void MarkReady() => _migrated.TrySetResult();

    internal void MarkFailed(Exception error) => _migrated.TrySetException(error);
}
