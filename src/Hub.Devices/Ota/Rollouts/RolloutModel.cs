using Hub.Devices.Ota.Delivery;
using Hub.Devices.Ota.Library;
using Microsoft.EntityFrameworkCore;

namespace Hub.Devices.Ota.Rollouts;

/// <summary>The OTA tables in <see cref="Fleet.DevicesDb"/>; kept here so the context only gains one call.</summary>
internal static class RolloutModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FirmwareImage>(image =>
        {
            image.HasKey(i => i.Id);
            image.HasIndex(i => i.Sha256).IsUnique();
            image.Property(i => i.Sha256).HasMaxLength(64);
            image.Property(i => i.Format).HasConversion<string>().HasMaxLength(16);
            image.Property(i => i.ChipFamily).HasMaxLength(16);
            image.Property(i => i.Version).HasMaxLength(64);
            image.Property(i => i.FileName).HasMaxLength(200);
        });
        modelBuilder.Entity<Rollout>(rollout =>
        {
            rollout.HasKey(r => r.Id);
            rollout.HasIndex(r => r.Status);
            rollout.Property(r => r.Name).HasMaxLength(100);
            rollout.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            rollout.Property(r => r.Delivery).HasConversion<string>().HasMaxLength(8);
        });
        modelBuilder.Entity<RolloutPlug>(plug =>
        {
            plug.HasKey(p => p.Id);
            plug.HasIndex(p => new { p.RolloutId, p.PlugId }).IsUnique();
            plug.HasIndex(p => p.State);
            plug.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
            plug.Property(p => p.Delivery).HasConversion<string>().HasMaxLength(8);
        });
        modelBuilder.Entity<PullGrant>(grant =>
        {
            grant.HasKey(g => g.Id);
            grant.HasIndex(g => g.TokenHash).IsUnique();
            grant.Property(g => g.TokenHash).HasMaxLength(64);
            // A resumed attempt finds its open link here instead of sending a second one. Not unique: "retry the failed
            // ones" counts attempts from 1 again, after the earlier attempts closed their links.
            grant.HasIndex(g => new { g.RolloutPlugId, g.Attempt });
        });
    }
}
