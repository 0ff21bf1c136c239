using System.Text.Json;
using Hub.Devices.Alerts;
using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace Hub.Api.Tests.Profiles;

/// <summary>
/// A plug that restarts every time a profile is sent to it, before it confirms. The test plays a Tasmota plug at the MQTT
/// level because only that makes the restart land between the hub's request and the plug's answer every time: a real
/// plugsim answers the state request before a restart it was told to do, and its boot count comes in the same burst as
/// the telemetry that confirms, so which one the hub sees first is left to chance. Tasmota reports its boot count in
/// INFO3, which confirms nothing, so the test can make sure the hub knows of the restart before the plug answers.
/// </summary>
public sealed class ProfileRestartCapTests : IAsyncLifetime
{
    private const string Topic = "tasmota_0D0E0F";
    private const int MaxResends = 2;
    private readonly HubFactory _hub = new(new Dictionary<string, string?>
    {
        ["Profiles:MaxResendsAfterRestart"] = "2",
        // The test itself decides when the plug answers; a loaded machine must not turn that into a timeout.
        ["Commands:ConfirmTimeoutSeconds"] = "120",
    });

    private HubHttpClient _admin = null!;
    private MqttProbe _plug = null!;
    private FleetState _fleet = null!;
    private long _plugId;
    private int _bootCount = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TimeSpan Wait => TimeSpan.FromSeconds(30);

    public async ValueTask InitializeAsync()
    {
        var port = await _hub.StartOnKestrelAsync();
        _admin = HubFactory.KestrelClient(port);
        using (var login = await _admin.LoginAsync(HubFactory.AdminUser, _hub.AdminPassword))
        {
            login.EnsureSuccessStatusCode();
        }

        await _hub.Services.GetRequiredService<MqttLink>().Connected.WaitAsync(Wait, Ct);
        var credentials = _hub.Services.GetRequiredService<HubMqttCredentials>();
        _plug = await MqttProbe.ConnectAsync(_hub.BrokerPort, credentials.Username, credentials.Password, $"cmnd/{Topic}/#");
        _fleet = _hub.Services.GetRequiredService<FleetState>();
        await PublishAsync($"tele/{Topic}/LWT", "Online");
        await PublishAsync($"stat/{Topic}/STATUS0", """{"StatusFWR":{"Version":"14.1.0(tasmota)","BuildDateTime":"2026-06-01T10:00:00","Boot":31,"Core":"2_7_7","SDK":"2.2.2-dev(38a443e)","Hardware":"ESP8266EX"}}""");
        _plugId = await StoredPlugs.AdoptScriptedAsync(_hub, Topic);
        Assert.True(await _fleet.WaitUntilAsync(_plugId, s => s.Online, Wait, Ct));
        await RestartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _plug.DisposeAsync();
        _admin.Dispose();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task AProfileIsResentAtMostTheConfiguredTimesAfterRestartsThenFailsAndReassigningStartsTheCountAgain()
    {
        using var created = await _admin.SendAsync(HttpMethod.Post, "/api/profiles", new { name = "Restarts it", relayStartState = 1 });
        var profileId = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("id").GetInt64();
        using (var applied = await _admin.SendAsync(HttpMethod.Post, $"/api/profiles/{profileId}/apply", new { plugIds = new[] { _plugId } }))
        {
            applied.EnsureSuccessStatusCode();
        }

        // The first send and each re-send: the plug restarts before it answers.
        for (var sent = 1; sent <= MaxResends + 1; sent++)
        {
            await StateRequestAsync(sent);
            await RestartAsync();
            await AnswerAsync();
        }

        var failed = await Eventually.MatchAsync(() => AssignmentAsync(profileId),
            a => a.GetProperty("status").GetString() != "Pending", Wait);
        var alerts = _hub.Services.GetRequiredService<AlertCenter>();
        // The alert is raised right after the failure is written.
        var alertOpen = await Eventually.MatchAsync(() => Task.FromResult(alerts.IsOpen($"profile-failed:{_plugId}:{profileId}")), o => o, Wait);
        var history = await HistoryAsync();

        using (var again = await _admin.SendAsync(HttpMethod.Post, $"/api/profiles/{profileId}/apply", new { plugIds = new[] { _plugId } }))
        {
            again.EnsureSuccessStatusCode();
        }

        // The reassignment's request is the next one: nothing was sent between the failure and it (one MQTT session keeps order).
        await StateRequestAsync(MaxResends + 2);
        var beforeReassigning = StateRequests() - 1;
        await RestartAsync();
        await AnswerAsync();
        await StateRequestAsync(MaxResends + 3);
        await AnswerAsync();
        var reassigned = await Eventually.MatchAsync(() => AssignmentAsync(profileId),
            a => a.GetProperty("status").GetString() != "Pending", Wait);

        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Contains("restarted during the update 3 times", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(MaxResends + 1, beforeReassigning);
        Assert.True(alertOpen, "no ProfileFailed alert is open");
        Assert.Contains(history, h => h.Kind == PlugHistoryKind.CommandFailed && h.Detail.Contains("Restarts it", StringComparison.Ordinal));
        Assert.Equal("Applied", reassigned.GetProperty("status").GetString());
    }

    private int StateRequests() => _plug.Messages.Count(m => m.Topic == $"cmnd/{Topic}/STATE");

    private Task<int> StateRequestAsync(int count) =>
        Eventually.MatchAsync(() => Task.FromResult(StateRequests()), n => n >= count, Wait);

    /// <summary>A restart the hub has taken in before the plug says anything else: INFO3 carries the new boot count.</summary>
    private async Task RestartAsync()
    {
        var boots = ++_bootCount;
        await PublishAsync($"tele/{Topic}/INFO3", $$$"""{"Info3":{"RestartReason":"Software/System restart","BootCount":{{{boots}}}}}""");
        Assert.True(await _fleet.WaitUntilAsync(_plugId, s => s.BootCount == boots, Wait, Ct), $"boot count {boots} not seen");
    }

    private Task AnswerAsync() => PublishAsync($"stat/{Topic}/RESULT", """{"POWER":"ON"}""");

    private async Task<JsonElement> AssignmentAsync(long profileId)
    {
        using var response = await _admin.Http.GetAsync(new Uri($"/api/profiles/{profileId}/assignments", UriKind.Relative), Ct);
        return (await HubHttpClient.ReadJsonAsync(response)).EnumerateArray().Single(a => a.GetProperty("plugId").GetInt64() == _plugId);
    }

    private async Task<List<PlugHistoryEntry>> HistoryAsync()
    {
        await using var scope = _hub.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DevicesDb>().PlugHistory.AsNoTracking()
            .Where(h => h.PlugId == _plugId).ToListAsync(Ct);
    }

    private async Task PublishAsync(string topic, string payload) =>
        await _plug.Client.PublishStringAsync(topic, payload, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: Ct);
}
