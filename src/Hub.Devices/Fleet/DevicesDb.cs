using Hub.Devices.Mqtt;
using Microsoft.EntityFrameworkCore;

namespace Hub.Devices.Fleet;

/// <summary>Everything the devices module stores: broker accounts now, the fleet registry as it arrives.</summary>
public sealed class DevicesDb(DbContextOptions<DevicesDb> options) : DbContext(options)
{
    public DbSet<BrokerAccount> BrokerAccounts => Set<BrokerAccount>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BrokerAccount>(account =>
        {
            account.HasKey(a => a.Id);
            account.HasIndex(a => a.Username).IsUnique();
            account.Property(a => a.Username).HasMaxLength(64);
            account.Property(a => a.SecretHash).HasMaxLength(64);
            account.Property(a => a.TopicRoot).HasMaxLength(64);
        });
    }
}
