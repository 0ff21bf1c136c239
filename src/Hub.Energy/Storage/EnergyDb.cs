using Hub.Energy.Tariffs;
using Microsoft.EntityFrameworkCore;

namespace Hub.Energy.Storage;

/// <summary>Readings and everything derived from them. Refers to plugs by id only.</summary>
public sealed class EnergyDb(DbContextOptions<EnergyDb> options) : DbContext(options)
{
    public DbSet<Reading> Readings => Set<Reading>();

    public DbSet<EnergyPlug> Plugs => Set<EnergyPlug>();

    public DbSet<EnergyEvent> Events => Set<EnergyEvent>();

    public DbSet<MinuteRollup> MinuteRollups => Set<MinuteRollup>();

    public DbSet<HourRollup> HourRollups => Set<HourRollup>();

    public DbSet<DayRollup> DayRollups => Set<DayRollup>();

    public DbSet<MonthRollup> MonthRollups => Set<MonthRollup>();

    public DbSet<DirtyMinute> DirtyMinutes => Set<DirtyMinute>();

    public DbSet<HourBlock> HourBlocks => Set<HourBlock>();

    public DbSet<HourBlockWatermark> HourBlockWatermarks => Set<HourBlockWatermark>();

    public DbSet<Tariff> Tariffs => Set<Tariff>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Reading>().HasKey(r => r.Key);
        modelBuilder.Entity<Reading>().Property(r => r.Key).ValueGeneratedNever();
        modelBuilder.Entity<EnergyPlug>(plug =>
        {
            plug.ToTable("EnergyPlugs");
            plug.HasKey(p => p.PlugId);
            plug.Property(p => p.PlugId).ValueGeneratedNever();
        });
        modelBuilder.Entity<EnergyEvent>(evt =>
        {
            evt.ToTable("EnergyEvents");
            evt.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
            evt.HasIndex(e => new { e.PlugId, e.AtS });
        });

        // One table per level (TPC): the levels share a shape, never rows.
        modelBuilder.Entity<RollupRow>().UseTpcMappingStrategy().HasKey(r => r.Key);
        modelBuilder.Entity<RollupRow>().Property(r => r.Key).ValueGeneratedNever();
        modelBuilder.Entity<MinuteRollup>().ToTable("MinuteRollups");
        modelBuilder.Entity<HourRollup>().ToTable("HourRollups");
        modelBuilder.Entity<DayRollup>().ToTable("DayRollups");
        modelBuilder.Entity<MonthRollup>().ToTable("MonthRollups");
        modelBuilder.Entity<DirtyMinute>().HasKey(d => d.Minute);
        modelBuilder.Entity<DirtyMinute>().Property(d => d.Minute).ValueGeneratedNever();
        modelBuilder.Entity<HourBlock>().ToTable("HourBlocks").HasKey(b => b.Key);
        modelBuilder.Entity<HourBlock>().Property(b => b.Key).ValueGeneratedNever();
        modelBuilder.Entity<HourBlockWatermark>().ToTable("HourBlockWatermarks").HasKey(w => w.Id);
        modelBuilder.Entity<HourBlockWatermark>().Property(w => w.Id).ValueGeneratedNever();

        modelBuilder.Entity<TariffPeriod>().ToTable("TariffPeriods");
        modelBuilder.Entity<Tariff>(tariff =>
        {
            tariff.Property(t => t.Currency).HasMaxLength(3);
            tariff.HasMany(t => t.Periods).WithOne().HasForeignKey(p => p.TariffId).OnDelete(DeleteBehavior.Cascade);
            tariff.HasIndex(t => t.ValidFrom).IsUnique();
            tariff.Navigation(t => t.Periods).AutoInclude();
        });
    }
}
