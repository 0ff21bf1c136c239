using Hub.Devices.Commands;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Mqtt;
using Microsoft.EntityFrameworkCore;
using Hub.Testing;
using MQTTnet;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.EndToEnd;

public sealed class PlugControlTests
{
    private static readonly TimeSpan Confirm = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task APlugOnTheBootstrapAccountIsPendingAndCannotBeCommanded()
    {
        await using var fleet = await FleetWithPlugs.StartAsync();

        var id = await fleet.PlugIdAsync("obk_000000");
        var outcome = await fleet.Get<PlugCommander>().SendAsync(id, new SetRelay(1, RelayAction.On), Confirm, CancellationToken.None);

        Assert.Equal(PlugStatus.Pending, fleet.Get<PlugDirectory>().FindById(id)!.Status);
        Assert.Equal(CommandOutcomeKind.NotAdopted, outcome.Kind);
    }

    [Fact]
    public async Task AdoptionGivesThePlugItsOwnAccountAndItComesBackOnIt()
    {
        await using var fleet = await FleetWithPlugs.StartAsync();

        var id = await fleet.AdoptAsync("obk_000000");

        using var scope = fleet.Devices.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var plug = await db.Plugs.SingleAsync(p => p.Id == id, TestContext.Current.CancellationToken);
        var account = await db.BrokerAccounts.SingleAsync(a => a.Username == plug.BrokerUsername, TestContext.Current.CancellationToken);
        Assert.Equal(PlugStatus.Adopted, plug.Status);
        Assert.Equal("obk_000000", account.TopicRoot);
        var history = await db.PlugHistory.Where(h => h.PlugId == id).Select(h => h.Kind).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains(PlugHistoryKind.Adopted, history);
    }

    [Fact]
    public async Task RelayOnOffAndToggleAreConfirmedByThePlug()
    {
        await using var fleet = await FleetWithPlugs.StartAsync();
        var id = await fleet.AdoptAsync("obk_000000");
        var commander = fleet.Get<PlugCommander>();

        var on = await commander.SendAsync(id, new SetRelay(1, RelayAction.On), Confirm, CancellationToken.None);
        var off = await commander.SendAsync(id, new SetRelay(1, RelayAction.Off), Confirm, CancellationToken.None);
        var toggled = await commander.SendAsync(id, new SetRelay(1, RelayAction.Toggle), Confirm, CancellationToken.None);

        Assert.True(Assert.IsType<RelayReported>(on.Confirmation).On);
        Assert.False(Assert.IsType<RelayReported>(off.Confirmation).On);
        Assert.True(Assert.IsType<RelayReported>(toggled.Confirmation).On);
        Assert.True(await fleet.Get<FleetState>().WaitUntilAsync(id, s => s.Relays.GetValueOrDefault(1), Confirm, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AFrozenPlugIsRebootedByItsWatchdogAndGetsItsDesiredStateBack()
    {
        await using var fleet = await FleetWithPlugs.StartAsync(1, "--watchdog-timeout-s", "2");
        var id = await fleet.AdoptAsync("obk_000000");
        await fleet.Get<DesiredRelayStore>().SetModeAsync(id, 1, DesiredRelayMode.On, CancellationToken.None);
        var before = fleet.Get<FleetState>().Find(id)!.State.BootCount;

        await fleet.Sim.CommandAsync("freeze obk_000000");

        var reboot = await fleet.WaitForEventAsync<TelemetryReported>(t => t.PlugId == id && t.BootCount > before, TimeSpan.FromSeconds(60));
        await fleet.WaitForEventAsync<BootReported>(b => b.PlugId == id && b.At >= reboot.At.AddSeconds(-1)
            && b.RebootReason == "BL_RST_SOFTWARE_WATCHDOG", TimeSpan.FromSeconds(15));
        await fleet.WaitForEventAsync<RelayReported>(r => r.PlugId == id && r.At >= reboot.At && r.On, TimeSpan.FromSeconds(15));
        using var scope = fleet.Devices.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var history = await Eventually.MatchAsync(
            () => db.PlugHistory.AsNoTracking().Where(h => h.PlugId == id).ToListAsync(TestContext.Current.CancellationToken),
            h => h.Any(e => e.Kind == PlugHistoryKind.Rebooted && e.Detail.Contains("BL_RST_SOFTWARE_WATCHDOG", StringComparison.Ordinal))
                 && h.Any(e => e.Kind == PlugHistoryKind.DesiredStateReasserted),
            TimeSpan.FromSeconds(15));

        Assert.Contains(history, h => h.Kind == PlugHistoryKind.Rebooted && h.Detail.Contains("BL_RST_SOFTWARE_WATCHDOG", StringComparison.Ordinal));
        Assert.Contains(history, h => h.Kind == PlugHistoryKind.DesiredStateReasserted);
    }

    [Fact]
    public async Task GarbagePayloadsAreCountedAndIngestionGoesOn()
    {
        await using var fleet = await FleetWithPlugs.StartAsync();
        var id = await fleet.PlugIdAsync("obk_000000");
        var hub = fleet.Get<HubMqttCredentials>();
        await using var probe = await MqttProbe.ConnectAsync(fleet.Devices.BrokerPort, hub.Username, hub.Password);

        await probe.Client.PublishStringAsync("obk_000000/voltage/get", "not a number", cancellationToken: TestContext.Current.CancellationToken);
        await probe.Client.PublishBinaryAsync("obk_000000/power/get", [0xff, 0xfe, 0x00, 0xc3], cancellationToken: TestContext.Current.CancellationToken);
        await probe.Client.PublishStringAsync("obk_000000/voltage/get", "231.5", cancellationToken: TestContext.Current.CancellationToken);

        await fleet.WaitForEventAsync<MalformedInput>(m => m.Topic == "obk_000000");
        await fleet.WaitForEventAsync<ReadingReported>(r => r.PlugId == id && r.VoltageV == 231.5);
        Assert.True(await fleet.Get<FleetState>().WaitUntilAsync(id, s => s.MalformedMessages >= 2 && s.VoltageV == 231.5, Confirm, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RotatedCredentialsReplaceTheOldLoginOnlyOnceThePlugIsBackOnTheNewOne()
    {
        await using var fleet = await FleetWithPlugs.StartAsync();
        var id = await fleet.AdoptAsync("obk_000000");
        string? before;
        using (var scope = fleet.Devices.Services.CreateScope())
        {
            before = (await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.SingleAsync(p => p.Id == id,
                TestContext.Current.CancellationToken)).BrokerUsername;
        }

        var outcome = await fleet.Get<PlugCredentialRotation>().RotateAsync(id, "test", TestContext.Current.CancellationToken);
        var relay = await fleet.Get<PlugCommander>().SendAsync(id, new SetRelay(1, RelayAction.On), Confirm, TestContext.Current.CancellationToken);

        using var check = fleet.Devices.Services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<DevicesDb>();
        var plug = await db.Plugs.SingleAsync(p => p.Id == id, TestContext.Current.CancellationToken);
        var accounts = await db.BrokerAccounts.Where(a => a.TopicRoot == "obk_000000").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(RotationOutcome.Rotated, outcome);
        Assert.NotEqual(before, plug.BrokerUsername);
        Assert.NotNull(accounts.Single(a => a.Username == before).RevokedAt);
        Assert.Null(accounts.Single(a => a.Username == plug.BrokerUsername).RevokedAt);
        Assert.Equal(CommandOutcomeKind.Confirmed, relay.Kind);
        Assert.True(await db.PlugHistory.AnyAsync(h => h.PlugId == id && h.Kind == PlugHistoryKind.CredentialsRotated,
            TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ARestartIsConfirmedByThePlugComingBackWithAHigherBootCount()
    {
        await using var fleet = await FleetWithPlugs.StartAsync();
        var id = await fleet.AdoptAsync("obk_000000");
        var state = fleet.Get<FleetState>();
        var before = state.Find(id)!.State.BootCount;

        var outcome = await fleet.Get<PlugCommander>().SendAsync(id, new RestartPlug(), TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken);

        Assert.Equal(CommandOutcomeKind.Confirmed, outcome.Kind);
        Assert.True(await state.WaitUntilAsync(id, s => s.Online && s.BootCount > before && s.LastRebootReason == "BL_RST_SOFTWARE",
            TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
    }
}
