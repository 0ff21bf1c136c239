using System.Net;
using System.Text.Json;
using Hub.Devices.Fleet;
using Hub.Devices.Ota.Rollouts;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Api.Tests.Ota.RolloutSteps;

namespace Hub.Api.Tests.Ota;

[Collection(SerialRollouts.Name)]
public sealed class RolloutTests
{
    private static readonly Dictionary<string, string?> Settings = RolloutSteps.TrustDevKey;

    [Fact]
    public async Task ARolloutOverTwentyPlugsInWavesBringsEveryPlugToTheNewBuild()
    {
        await using var setup = await HubWithPlugs.StartAsync(20, Settings);
        var plugs = await FleetAsync(setup);
        var imageId = await UploadAsync(setup, "1.19.0");

        using var preview = await setup.Client.SendAsync(HttpMethod.Post, "/api/rollouts/preview", new { firmwareId = imageId });
        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/rollouts", new
        {
            name = "1.19.0 to all", firmwareId = imageId, waves = new[] { "1", "25%", "rest" }, maxConcurrency = 5, plugTimeoutSeconds = 60,
        });
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("rollout").GetProperty("id").GetInt64();
        var done = await WaitForStatusAsync(setup, id, "Completed", TimeSpan.FromSeconds(150));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.All((await HubHttpClient.ReadJsonAsync(preview)).EnumerateArray(), v => Assert.True(v.GetProperty("compatible").GetBoolean()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal([1, 5, 14], done.GetProperty("waves").EnumerateArray().Select(w => w.GetProperty("size").GetInt32()));
        var rows = done.GetProperty("plugs").EnumerateArray().ToList();
        Assert.Equal(20, rows.Count);
        Assert.All(rows, p =>
        {
            Assert.Equal("Succeeded", p.GetProperty("state").GetString());
            Assert.Contains(" 1.19.0 ", p.GetProperty("reportedBuild").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, p.GetProperty("attempts").GetInt32());
        });
        await Eventually.MatchAsync(() => BuildsAsync(setup), builds => plugs.Values.All(id => builds[id].Contains(" 1.19.0 ", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10));
        Assert.All(plugs.Keys, topic => Assert.Single(setup.Sim.Output, l => l.Contains(topic, StringComparison.Ordinal) && l.Contains("bytes into slot", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EveryStepOfEveryPlugIsPushedLiveAndTheRolloutRecordsHowLongEachPlugWasOffline()
    {
        await using var setup = await HubWithPlugs.StartAsync(2, Settings);
        var plugs = await FleetAsync(setup);
        var imageId = await UploadAsync(setup, "1.23.0");
        var pushed = new System.Collections.Concurrent.ConcurrentQueue<RolloutPlugChanged>();
        await using var live = await WatchRolloutsAsync(setup, pushed);

        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/rollouts", new
        {
            name = "watched", firmwareId = imageId, waves = new[] { "1", "rest" }, plugTimeoutSeconds = 60,
        });
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("rollout").GetProperty("id").GetInt64();
        var done = await WaitForStatusAsync(setup, id, "Completed", TimeSpan.FromSeconds(90));
        await Eventually.MatchAsync(() => Task.FromResult(pushed.Count(c => c.State == RolloutPlugState.Succeeded)), n => n == 2,
            TimeSpan.FromSeconds(15));

        RolloutPlugState[] steps =
            [RolloutPlugState.Sending, RolloutPlugState.Flashing, RolloutPlugState.Rebooting, RolloutPlugState.Verifying, RolloutPlugState.Succeeded];
        Assert.All(plugs.Keys, topic => Assert.Equal(steps, pushed.Where(c => c.Topic == topic && c.RolloutId == id).Select(c => c.State)));
        Assert.Equal([0, 1], pushed.Where(c => c.State == RolloutPlugState.Sending).OrderBy(c => c.At).Select(c => c.Wave));
        Assert.All(done.GetProperty("waves").EnumerateArray(), w => Assert.Equal(1, w.GetProperty("states").GetProperty("Succeeded").GetInt32()));
        Assert.All(done.GetProperty("plugs").EnumerateArray(), p =>
        {
            // Down for the reboot (plugsim: 0.8 s off, then Wi-Fi and MQTT), never longer than the plug's timeout.
            var offline = p.GetProperty("offlineSeconds").GetDouble();
            Assert.InRange(offline, 0.5, 60);
        });
    }

    [Fact]
    public async Task FailuresInAWavePauseTheRolloutAtTheErrorThresholdAndLeaveLaterWavesUntouched()
    {
        await using var setup = await HubWithPlugs.StartAsync(6, Settings);
        var plugs = await FleetAsync(setup);
        var imageId = await UploadAsync(setup, "1.20.0");
        var firstWave = plugs.OrderBy(p => p.Value).Take(2).Select(p => p.Key).ToList();
        foreach (var topic in firstWave)
        {
            await setup.Sim.CommandAsync($"ota-fail {topic}");
        }

        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/rollouts", new
        {
            name = "canaries fail", firmwareId = imageId, waves = new[] { "2", "rest" }, maxAttempts = 1, errorThresholdPercent = 100,
            plugTimeoutSeconds = 60,
        });
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("rollout").GetProperty("id").GetInt64();
        var paused = await WaitForStatusAsync(setup, id, "Paused", TimeSpan.FromSeconds(60));
        var untouched = plugs.Keys.Except(firstWave).ToList();
        var touchedAtPause = untouched.Where(t => setup.Sim.Output.Any(l => l.Contains(t, StringComparison.Ordinal) && l.Contains("OTA", StringComparison.Ordinal))).ToList();

        using var retry = await setup.Client.SendAsync(HttpMethod.Post, $"/api/rollouts/{id}/retry-failed");
        using var resume = await setup.Client.SendAsync(HttpMethod.Post, $"/api/rollouts/{id}/resume");
        var finished = await WaitForStatusAsync(setup, id, "Completed", TimeSpan.FromSeconds(90));
        using var afterEnd = await setup.Client.SendAsync(HttpMethod.Post, $"/api/rollouts/{id}/pause");

        Assert.StartsWith("wave 1: 2 of 2 plugs failed", paused.GetProperty("pauseReason").GetString(), StringComparison.Ordinal);
        var states = paused.GetProperty("plugs").EnumerateArray().ToDictionary(p => p.GetProperty("topic").GetString()!);
        Assert.All(firstWave, t =>
        {
            Assert.Equal("Failed", states[t].GetProperty("state").GetString());
            Assert.Contains("refused by the plug", states[t].GetProperty("reason").GetString(), StringComparison.Ordinal);
        });
        Assert.All(untouched, t => Assert.Equal("Queued", states[t].GetProperty("state").GetString()));
        Assert.Empty(touchedAtPause);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.All(finished.GetProperty("plugs").EnumerateArray(), p => Assert.Equal("Succeeded", p.GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, afterEnd.StatusCode);
    }

    [Fact]
    public async Task OutsideItsMaintenanceWindowARolloutStartsNoPlugAndSaysSoFromTheStartAndLive()
    {
        await using var setup = await HubWithPlugs.StartAsync(2, Settings);
        var plugs = await FleetAsync(setup);
        var imageId = await UploadAsync(setup, "1.21.0");
        var steps = new System.Collections.Concurrent.ConcurrentQueue<RolloutPlugChanged>();
        var changes = new System.Collections.Concurrent.ConcurrentQueue<RolloutChanged>();
        await using var live = await RolloutSteps.WatchRolloutsAsync(setup, steps, changes);

        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/rollouts", new
        {
            name = "new year only", firmwareId = imageId, maintenanceWindowCron = "0 0 3 1 1 ? 2099", maintenanceWindowMinutes = 60,
        });
        var answer = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("rollout");
        var id = answer.GetProperty("id").GetInt64();
        // The creation answer already holds: a dashboard opening the rollout at once must not wait for the worker.
        Assert.Equal("outside the maintenance window", answer.GetProperty("holding").GetString());

        // Pausing moves no plug, yet an open dashboard hears of it.
        using var paused = await setup.Client.SendAsync(HttpMethod.Post, $"/api/rollouts/{id}/pause", new { });
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var pushed = await Eventually.MatchAsync(() => Task.FromResult(changes.ToArray()),
            all => all.Any(c => c.RolloutId == id && c.Status == RolloutStatus.Paused), TimeSpan.FromSeconds(30));
        Assert.Equal("paused by hand", pushed.Last(c => c.RolloutId == id).PauseReason);

        var held = await RolloutSteps.RolloutJsonAsync(setup, id);
        Assert.Equal("Paused", held.GetProperty("status").GetString());
        Assert.All(held.GetProperty("plugs").EnumerateArray(), p => Assert.Equal("Queued", p.GetProperty("state").GetString()));
        Assert.DoesNotContain(setup.Sim.Output, l => l.Contains("bytes into slot", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, s => s.RolloutId == id);
        Assert.Equal(2, plugs.Count);
    }

    [Fact]
    public async Task AHubStoppedInTheMiddleOfAWaveResumesAndFlashesNoPlugTwice()
    {
        using var data = new TempFolder("ota-restart");
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["Data:Directory"] = data.Combine("data"),
        };
        await using var setup = await HubWithPlugs.StartAsync(6, settings);
        var plugs = await FleetAsync(setup);
        var imageId = await UploadAsync(setup, "1.19.0");
        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/rollouts", new
        {
            name = "interrupted", firmwareId = imageId, waves = new[] { "3", "rest" }, maxConcurrency = 3, maxAttempts = 1,
            errorThresholdPercent = 100, plugTimeoutSeconds = 60,
        });
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("rollout").GetProperty("id").GetInt64();
        var inFlight = await Eventually.MatchAsync(() => RolloutPlugsAsync(setup.Hub.Services, id),
            rows => rows.Any(r => r.State is RolloutPlugState.Rebooting or RolloutPlugState.Verifying), TimeSpan.FromSeconds(60));
        var flashedBeforeStop = inFlight.Where(r => r.State is RolloutPlugState.Rebooting or RolloutPlugState.Verifying).Select(r => r.Topic).ToList();

        // The plugs stay up and reconnect to the new hub's broker on the same port, with the accounts in the same database.
        settings["Mqtt:Broker:Port"] = setup.Hub.BrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await setup.Hub.DisposeAsync();
        await using var restarted = new HubFactory(settings);
        await restarted.WaitUntilReadyAsync();
        var rollout = await Eventually.MatchAsync(async () =>
            {
                await using var scope = restarted.Services.CreateAsyncScope();
                return (await scope.ServiceProvider.GetRequiredService<RolloutService>().GetAsync(id, TestContext.Current.CancellationToken))!;
            },
            r => r.Status == RolloutStatus.Completed
                || (r.Status == RolloutStatus.Paused && r.Plugs.All(p => p.State is RolloutPlugState.Succeeded or RolloutPlugState.Failed or RolloutPlugState.Queued)),
            TimeSpan.FromSeconds(90));
        var end = rollout.Plugs;

        Assert.All(flashedBeforeStop, topic => Assert.Equal(RolloutPlugState.Succeeded, end.Single(r => r.Topic == topic).State));
        Assert.All(end, r => Assert.True(r.State is RolloutPlugState.Succeeded or RolloutPlugState.Queued || r.Reason == Hub.Devices.Ota.Delivery.PushDelivery.Interrupted,
            $"{r.Topic}: {r.State} {r.Reason}"));
        Assert.All(plugs.Keys, topic => Assert.True(
            setup.Sim.Output.Count(l => l.Contains(topic, StringComparison.Ordinal) && l.Contains("bytes into slot", StringComparison.Ordinal)) <= 1,
            $"{topic} was sent the image twice"));
        Assert.All(end.Where(r => r.State == RolloutPlugState.Succeeded), r => Assert.Contains(" 1.19.0 ", r.ReportedBuild, StringComparison.Ordinal));
    }
}
