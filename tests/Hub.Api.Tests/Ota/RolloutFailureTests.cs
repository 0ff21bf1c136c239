using System.Collections.Concurrent;
using System.Net;
using Hub.Devices.Ota.Delivery;
using Hub.Devices.Ota.Rollouts;
using Hub.Testing;
using static Hub.Api.Tests.Ota.RolloutSteps;

namespace Hub.Api.Tests.Ota;

/// <summary>Plugs that fail an update in each way the firmware can, injected over plugsim's stdin.</summary>
[Collection(SerialRollouts.Name)]
public sealed class RolloutFailureTests
{
    [Fact]
    public async Task EachFailingPlugGetsItsReasonAndTheRolloutPausesAtTheErrorThresholdWithLaterWavesUntouched()
    {
        await using var setup = await HubWithPlugs.StartAsync(6, TrustDevKey);
        var plugs = await FleetAsync(setup);
        var imageId = await UploadAsync(setup, "1.22.0");
        var firstWave = plugs.OrderBy(p => p.Value).Take(4).Select(p => p.Key).ToList();
        var (badKey, staysDown, crashes, healthy) = (firstWave[0], firstWave[1], firstWave[2], firstWave[3]);
        await setup.Sim.CommandAsync($"ota-bad-key {badKey}");
        await setup.Sim.CommandAsync($"stay-down {staysDown}");
        await setup.Sim.CommandAsync($"trial-crash {crashes}");

        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/rollouts", new
        {
            name = "three kinds of failure", firmwareId = imageId, waves = new[] { "4", "rest" }, maxConcurrency = 4, maxAttempts = 1,
            errorThresholdPercent = 75, plugTimeoutSeconds = 40,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("rollout").GetProperty("id").GetInt64();
        var paused = await Eventually.MatchAsync(() => RolloutJsonAsync(setup, id),
            r => r.GetProperty("status").GetString() == "Paused"
                && r.GetProperty("plugs").EnumerateArray().Where(p => firstWave.Contains(p.GetProperty("topic").GetString()!))
                    .All(p => p.GetProperty("state").GetString() is "Succeeded" or "Failed"),
            TimeSpan.FromSeconds(120));
        var untouched = plugs.Keys.Except(firstWave).ToList();
        var states = paused.GetProperty("plugs").EnumerateArray().ToDictionary(p => p.GetProperty("topic").GetString()!);
        string? Reason(string topic) => states[topic].GetProperty("reason").GetString();

        Assert.StartsWith("wave 1: 3 of 4 plugs failed", paused.GetProperty("pauseReason").GetString(), StringComparison.Ordinal);
        Assert.All([badKey, staysDown, crashes], t => Assert.Equal("Failed", states[t].GetProperty("state").GetString()));
        Assert.StartsWith("refused by the plug", Reason(badKey), StringComparison.Ordinal);
        Assert.Contains("signature", Reason(badKey), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(PushDelivery.NeverCameBack, Reason(staysDown));
        Assert.StartsWith("came back with the old build (OpenBL602 1.18.0", Reason(crashes), StringComparison.Ordinal);
        Assert.Equal("Succeeded", states[healthy].GetProperty("state").GetString());
        Assert.All(untouched, t => Assert.Equal("Queued", states[t].GetProperty("state").GetString()));
        Assert.DoesNotContain(setup.Sim.Output, l => untouched.Any(t => l.Contains(t, StringComparison.Ordinal)) && l.Contains("OTA", StringComparison.Ordinal));
        Assert.Contains(setup.Sim.Output, l => l.Contains(crashes, StringComparison.Ordinal) && l.Contains("rolled back", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAbortRuleStopsTheRolloutOnceEnoughPlugsFinishedAndCancelsTheRest()
    {
        await using var setup = await HubWithPlugs.StartAsync(4, TrustDevKey);
        var plugs = await FleetAsync(setup);
        var imageId = await UploadAsync(setup, "1.24.0");
        var ordered = plugs.OrderBy(p => p.Value).Select(p => p.Key).ToList();
        foreach (var topic in ordered.Take(2))
        {
            await setup.Sim.CommandAsync($"ota-fail {topic}");
        }

        var pushed = new ConcurrentQueue<RolloutPlugChanged>();
        await using var live = await WatchRolloutsAsync(setup, pushed);
        using var created = await setup.Client.SendAsync(HttpMethod.Post, "/api/rollouts", new
        {
            name = "abort early", firmwareId = imageId, maxConcurrency = 1, maxAttempts = 1, errorThresholdPercent = 100,
            abortAfterFinished = 2, abortFailedPercent = 50, plugTimeoutSeconds = 60,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("rollout").GetProperty("id").GetInt64();
        var aborted = await WaitForStatusAsync(setup, id, "Aborted", TimeSpan.FromSeconds(60));
        using var resume = await setup.Client.SendAsync(HttpMethod.Post, $"/api/rollouts/{id}/resume");
        var states = aborted.GetProperty("plugs").EnumerateArray().ToDictionary(p => p.GetProperty("topic").GetString()!, p => p.GetProperty("state").GetString());

        Assert.Equal("aborted: 2 of 2 finished plugs failed, more than 50% (rule applies from 2 finished)", aborted.GetProperty("pauseReason").GetString());
        Assert.Equal(["Failed", "Failed", "Cancelled", "Cancelled"], ordered.Select(t => states[t]));
        Assert.DoesNotContain(setup.Sim.Output, l => ordered.Skip(2).Any(t => l.Contains(t, StringComparison.Ordinal)) && l.Contains("OTA", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, resume.StatusCode);
        await Eventually.MatchAsync(() => Task.FromResult(pushed.Where(c => c.State == RolloutPlugState.Cancelled).Select(c => c.Topic).Order().ToList()),
            cancelled => cancelled.SequenceEqual(ordered.Skip(2).Order()), TimeSpan.FromSeconds(15));
    }
}
