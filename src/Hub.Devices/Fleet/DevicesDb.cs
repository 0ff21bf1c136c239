using Hub.Devices.Alerts;
using Hub.Devices.Alerts.Channels;
using Hub.Devices.Fleet.Profiles;
using Hub.Devices.Mqtt;
using Hub.Devices.Watchdog;
using Hub.Devices.Ota.Library;
using Hub.Devices.Ota.Rollouts;
using Microsoft.EntityFrameworkCore;

namespace Hub.Devices.Fleet;

/// <summary>Everything the devices module stores: broker accounts, the fleet registry, its history and wishes.</summary>
public sealed class DevicesDb(DbContextOptions<DevicesDb> options) : DbContext(options)
{
    public DbSet<BrokerAccount> BrokerAccounts => Set<BrokerAccount>();

    public DbSet<Plug> Plugs => Set<Plug>();

    public DbSet<PlugHistoryEntry> PlugHistory => Set<PlugHistoryEntry>();

    public DbSet<DesiredRelay> DesiredRelays => Set<DesiredRelay>();

    public DbSet<SettingsProfile> SettingsProfiles => Set<SettingsProfile>();

    public DbSet<ProfileAssignment> ProfileAssignments => Set<ProfileAssignment>();

    public DbSet<Probe> Probes => Set<Probe>();

    public DbSet<WatchedDevice> WatchedDevices => Set<WatchedDevice>();

    public DbSet<FlapState> FlapStates => Set<FlapState>();

    public DbSet<Watchdog.MaintenanceWindow> MaintenanceWindows => Set<Watchdog.MaintenanceWindow>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertChannel> AlertChannels => Set<AlertChannel>();

    public DbSet<PlugLimits> PlugLimits => Set<PlugLimits>();
    public DbSet<FirmwareImage> FirmwareImages => Set<FirmwareImage>();

    public DbSet<Rollout> Rollouts => Set<Rollout>();

    public DbSet<RolloutPlug> RolloutPlugs => Set<RolloutPlug>();

    public DbSet<Ota.Delivery.PullGrant> PullGrants => Set<Ota.Delivery.PullGrant>();

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
        modelBuilder.Entity<Plug>(plug =>
        {
            plug.HasKey(p => p.Id);
            plug.HasIndex(p => p.Topic).IsUnique();
            plug.HasIndex(p => p.Status);
            plug.Property(p => p.Topic).HasMaxLength(64);
            plug.Property(p => p.Protocol).HasConversion<string>().HasMaxLength(16);
            plug.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            plug.OwnsOne(p => p.State, state => state.Property(s => s.Relays)
                .HasConversion(RelayStatesColumn.Converter, RelayStatesColumn.Comparer));
        });
        modelBuilder.Entity<PlugHistoryEntry>(entry =>
        {
            entry.HasKey(e => e.Id);
            entry.HasIndex(e => new { e.PlugId, e.Id });
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        });
        modelBuilder.Entity<SettingsProfile>(profile =>
        {
            profile.HasKey(p => p.Id);
            profile.HasIndex(p => p.Name).IsUnique();
            profile.Property(p => p.Name).HasMaxLength(100);
            profile.OwnsMany(p => p.Commands, command => command.ToJson());
        });
        modelBuilder.Entity<ProfileAssignment>(assignment =>
        {
            assignment.HasKey(a => new { a.ProfileId, a.PlugId });
            assignment.HasIndex(a => a.Status);
            assignment.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<DesiredRelay>(desired =>
        {
            desired.HasKey(d => new { d.PlugId, d.Channel });
            desired.Property(d => d.Mode).HasConversion<string>().HasMaxLength(16);
        });
        WatchdogModel.Configure(modelBuilder);
        AlertsModel.Configure(modelBuilder);
        RolloutModel.Configure(modelBuilder);
    }
}
