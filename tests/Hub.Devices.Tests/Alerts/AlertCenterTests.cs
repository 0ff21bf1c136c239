using Hub.Devices.Alerts;
using Hub.Devices.Fleet;
using Hub.Devices.Watchdog;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.Alerts;

public sealed class AlertCenterTests
{
    private static readonly AlertRaise Down = new("probe:1", "ProbeDown", AlertSeverity.Warning, 42, "router is not answering", "3 of 5 failed");

    [Fact]
    public async Task RepeatsAreCountedOnOneAlertThatIsAcknowledgedAndResolvesAfterTheHold()
    {
        await using var devices = await DevicesHost.StartAsync(new Dictionary<string, string?> { ["Alerts:RecoveryHoldSeconds"] = "1" });
        var center = devices.Services.GetRequiredService<AlertCenter>();
        var ct = TestContext.Current.CancellationToken;

        var first = await center.RaiseAsync(Down, ct);
        var again = await center.RaiseAsync(Down with { Cause = "5 of 5 failed" }, ct);
        var acknowledged = await center.AcknowledgeAsync(first!.Id, "alice", ct);
        center.Clear(Down.Key);
        var resolved = await Eventually.MatchAsync(() => FindAsync(devices, first.Id), a => a.State == AlertState.Resolved, TimeSpan.FromSeconds(10));
        var next = await center.RaiseAsync(Down, ct);

        Assert.Equal(first.Id, again!.Id);
        Assert.Equal(2, again.Occurrences);
        Assert.Equal("5 of 5 failed", again.Cause);
        Assert.Equal(AlertState.Acknowledged, acknowledged!.State);
        Assert.Equal("alice", resolved.AcknowledgedBy);
        Assert.NotNull(resolved.ResolvedAt);
        Assert.NotEqual(first.Id, next!.Id);
    }

    [Fact]
    public async Task AConditionThatReturnsDuringTheHoldIsNotResolved()
    {
        await using var devices = await DevicesHost.StartAsync(new Dictionary<string, string?> { ["Alerts:RecoveryHoldSeconds"] = "2" });
        var center = devices.Services.GetRequiredService<AlertCenter>();
        var ct = TestContext.Current.CancellationToken;
        var flapping = await center.RaiseAsync(Down, ct);
        var steady = await center.RaiseAsync(Down with { Key = "probe:2" }, ct);

        center.Clear(Down.Key);
        center.Clear("probe:2");
        await center.HoldsAsync(Down, ct);
        // Both holds started together: once the steady one has resolved, the flapping one's hold is over too.
        await Eventually.MatchAsync(() => FindAsync(devices, steady!.Id), a => a.State == AlertState.Resolved, TimeSpan.FromSeconds(10));

        var still = await FindAsync(devices, flapping!.Id);
        Assert.Equal(AlertState.Active, still.State);
        Assert.Equal(1, still.Occurrences);
    }

    [Fact]
    public async Task OneEventReportedAgainIsAlertedOnceEvenAfterItResolved()
    {
        await using var devices = await DevicesHost.StartAsync(new Dictionary<string, string?> { ["Alerts:RecoveryHoldSeconds"] = "0" });
        var center = devices.Services.GetRequiredService<AlertCenter>();
        var ct = TestContext.Current.CancellationToken;
        var boot = new AlertRaise("abnormal-reboot:42", "AbnormalReboot", AlertSeverity.Warning, 42, "rebooted", "BL_RST_SOFTWARE_WATCHDOG")
        {
            Fingerprint = "17",
        };

        var first = await center.RaiseAsync(boot, ct);
        var repeated = await center.RaiseAsync(boot, ct);
        center.Clear(boot.Key);
        await Eventually.MatchAsync(() => FindAsync(devices, first!.Id), a => a.State == AlertState.Resolved, TimeSpan.FromSeconds(10));
        var afterReconnect = await center.RaiseAsync(boot, ct);
        var nextBoot = await center.RaiseAsync(boot with { Fingerprint = "18" }, ct);

        Assert.Equal(1, repeated!.Occurrences);
        Assert.Null(afterReconnect);
        Assert.NotNull(nextBoot);
    }

    [Fact]
    public async Task APlugInMaintenanceRaisesNothing()
    {
        await using var devices = await DevicesHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using (var scope = devices.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            db.MaintenanceWindows.Add(new MaintenanceWindow { PlugId = 42, Until = TimeProvider.System.GetUtcNow().AddHours(1), CreatedBy = "test" });
            await db.SaveChangesAsync(ct);
        }

        await devices.Services.GetRequiredService<MaintenanceRegistry>().ReloadAsync(ct);

        Assert.Null(await devices.Services.GetRequiredService<AlertCenter>().RaiseAsync(Down, ct));
        Assert.NotNull(await devices.Services.GetRequiredService<AlertCenter>().RaiseAsync(Down with { Key = "probe:2", PlugId = 43 }, ct));
    }

    private static async Task<Alert> FindAsync(DevicesHost devices, long id)
    {
        using var scope = devices.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DevicesDb>().Alerts.AsNoTracking().FirstAsync(a => a.Id == id);
    }
}
