using Hub.Devices.Alerts;
using Hub.Devices.Alerts.Channels;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Tests.Alerts;

namespace Hub.Devices.Tests.EndToEnd;

public sealed class PlugAlertTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AFrozenPlugsWatchdogRebootIsAlertedOnceToASignedWebhookAndByEmail()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var smtp = SmtpSink.Start();
        // The power limit gives the rule worker a later, different alert to raise: the sign it got past the repeated report.
        await using var fleet = await FleetWithPlugs.StartAsync(1, WatchdogScenario.Settings(("Alerts:PowerLimitW", "1000")));
        var (plugId, _) = await WatchdogScenario.AdoptSettledAsync(fleet, "obk_000000");
        await WatchdogScenario.AddAsync(fleet, new AlertChannel
        {
            Name = "hook", Kind = AlertChannelKind.Webhook, Url = receiver.Url.ToString(), Secret = "hook-secret",
        });
        await WatchdogScenario.AddAsync(fleet, new AlertChannel
        {
            Name = "mail", Kind = AlertChannelKind.Email, SmtpHost = "127.0.0.1", SmtpPort = smtp.Port, SmtpSecurity = SmtpSecurity.None,
            MailFrom = "hub@example.org", MailTo = "owner@example.org",
        });
        fleet.Get<AlertDispatcher>().Reload();

        await fleet.Sim.CommandAsync("freeze obk_000000");
        var hook = await receiver.NextAsync(h => h.Json.GetProperty("alert").GetProperty("rule").GetString() == "AbnormalReboot", Deadline);
        var mail = await smtp.NextAsync(m => m.Contains("rebooted abnormally", StringComparison.Ordinal), Deadline);
        // A reconnect repeats the boot report; it must not become a second alert.
        await fleet.Sim.CommandAsync("wifi-drop obk_000000 1");
        Assert.True(await fleet.Get<FleetState>().WaitUntilAsync(plugId, s => !s.Online, Deadline, TestContext.Current.CancellationToken));
        Assert.True(await fleet.Get<FleetState>().WaitUntilAsync(plugId, s => s.Online, Deadline, TestContext.Current.CancellationToken));
        await fleet.WaitForEventAsync<BootReported>(b => b.At > hook.Json.GetProperty("at").GetDateTimeOffset());
        // The plug's events reach the rule worker in order, and this load is drawn only after the repeated boot report:
        // once its alert is raised, the worker has judged that report too.
        await fleet.Sim.CommandAsync("power obk_000000 2000");
        await WatchdogScenario.SwitchOnAsync(fleet, plugId);
        await WatchdogScenario.AlertsUntilAsync(fleet, a => a.Any(x => x.Rule == "PowerAboveLimit"), seconds: 60);

        Assert.True(WebhookSignature.Verify("hook-secret", hook.Body, hook.Signature));
        Assert.Equal("Raised", hook.Event);
        var alert = hook.Json.GetProperty("alert");
        Assert.Equal(plugId, alert.GetProperty("plugId").GetInt64());
        Assert.Contains("BL_RST_SOFTWARE_WATCHDOG", alert.GetProperty("cause").GetString(), StringComparison.Ordinal);
        Assert.Contains("Subject: [warning] obk_000000 rebooted abnormally: BL_RST_SOFTWARE_WATCHDOG", mail, StringComparison.Ordinal);
        var alerts = await WatchdogScenario.AlertsAsync(fleet);
        Assert.Equal(1, Assert.Single(alerts, a => a.Rule == "AbnormalReboot").Occurrences);
    }

    [Fact]
    public async Task AHeapLeakIsAlertedWhileThePlugStillHasMemory()
    {
        await using var fleet = await FleetWithPlugs.StartAsync(1, WatchdogScenario.Settings(
            ("Alerts:HeapWindowSeconds", "60"), ("Alerts:HeapMinSpanSeconds", "5"), ("Alerts:HeapMinSamples", "5"),
            ("Alerts:HeapMinLeakBytesPerHour", "100000"), ("Alerts:HeapHorizonSeconds", "3600")),
            "--broadcast-interval-s", "1");
        var (plugId, boots) = await WatchdogScenario.AdoptSettledAsync(fleet, "obk_000000");

        await fleet.Sim.CommandAsync("leak obk_000000 2000");
        var alerts = await WatchdogScenario.AlertsUntilAsync(fleet, a => a.Any(x => x.Rule == "HeapLeak"));

        var leak = alerts.Single(a => a.Rule == "HeapLeak");
        Assert.Equal(plugId, leak.PlugId);
        Assert.Contains("bytes/h", leak.Cause, StringComparison.Ordinal);
        var state = fleet.Get<FleetState>().Find(plugId)!.State;
        Assert.Equal(boots, state.BootCount);
        Assert.InRange(state.FreeHeapBytes!.Value, 16384, 119_000);
    }
}
