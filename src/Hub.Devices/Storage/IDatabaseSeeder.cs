using Microsoft.EntityFrameworkCore;

namespace Hub.Devices.Storage;

/// <summary>Work that must run once a module's database is migrated and before the hub reports ready.</summary>
public interface IDatabaseSeeder<in TContext>
    where TContext : DbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}
