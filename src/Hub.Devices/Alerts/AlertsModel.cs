using Hub.Devices.Alerts.Channels;
using Microsoft.EntityFrameworkCore;

namespace Hub.Devices.Alerts;

/// <summary>The alerts' tables in <c>DevicesDb</c>.</summary>
internal static class AlertsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Alert>(alert =>
        {
            alert.HasKey(a => a.Id);
            alert.HasIndex(a => new { a.Key, a.State });
            alert.HasIndex(a => a.State);
            alert.Property(a => a.Key).HasMaxLength(100);
            alert.Property(a => a.Rule).HasMaxLength(32);
            alert.Property(a => a.Fingerprint).HasMaxLength(64);
            alert.Property(a => a.Severity).HasConversion<string>().HasMaxLength(16);
            alert.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
            alert.Property(a => a.Title).HasMaxLength(300);
            alert.Property(a => a.Cause).HasMaxLength(2000);
            alert.Property(a => a.AcknowledgedBy).HasMaxLength(100);
        });
        model.Entity<PlugLimits>(limits =>
        {
            limits.HasKey(l => l.PlugId);
            limits.Property(l => l.PlugId).ValueGeneratedNever();
        });
        model.Entity<AlertChannel>(channel =>
        {
            channel.HasKey(c => c.Id);
            channel.HasIndex(c => c.Name).IsUnique();
            channel.Property(c => c.Name).HasMaxLength(100);
            channel.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            channel.Property(c => c.MinSeverity).HasConversion<string>().HasMaxLength(16);
            channel.Property(c => c.SmtpSecurity).HasConversion<string>().HasMaxLength(16);
        });
    }
}
