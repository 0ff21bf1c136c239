using Microsoft.EntityFrameworkCore;

namespace Hub.Energy.Storage;

/// <summary>Readings and everything derived from them. Refers to plugs by id only.</summary>
public sealed class EnergyDb(DbContextOptions<EnergyDb> options) : DbContext(options)
{
    public DbSet<Reading> Readings => Set<Reading>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Reading>(reading =>
        {
            reading.HasKey(r => new { r.PlugId, r.TimeUnixMs });
            reading.Property(r => r.PlugId).HasMaxLength(64);
        });
    }
}
