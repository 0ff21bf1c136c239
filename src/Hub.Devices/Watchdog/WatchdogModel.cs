using Microsoft.EntityFrameworkCore;

namespace Hub.Devices.Watchdog;

/// <summary>The watchdog's tables in <c>DevicesDb</c>.</summary>
internal static class WatchdogModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Probe>(probe =>
        {
            probe.HasKey(p => p.Id);
            probe.HasIndex(p => p.PlugId);
            probe.HasIndex(p => p.DeviceId);
            probe.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
            probe.Property(p => p.OnDown).HasConversion<string>().HasMaxLength(16);
            probe.Property(p => p.Path).HasMaxLength(512);
        });
        model.Entity<WatchedDevice>(device =>
        {
            device.HasKey(d => d.Id);
            device.HasIndex(d => d.PlugId);
            device.Property(d => d.Name).HasMaxLength(100);
            device.Property(d => d.Host).HasMaxLength(253);
        });
        model.Entity<FlapState>(flap =>
        {
            flap.HasKey(f => f.TargetKey);
            flap.Property(f => f.TargetKey).HasMaxLength(64);
        });
        model.Entity<MaintenanceWindow>(window =>
        {
            window.HasKey(w => w.Id);
            window.Property(w => w.Note).HasMaxLength(500);
            window.Property(w => w.CreatedBy).HasMaxLength(100);
        });
    }
}
