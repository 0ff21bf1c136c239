using System.Net;
using System.Text.Json;
using Hub.Devices.Fleet.Events;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Alerts;

public sealed class PlugLimitsApiTests
{
    [Fact]
    public async Task APlugsOwnLimitsOverrideTheDefaultsUntilTheyAreRemoved()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?> { ["Alerts:OfflineAfterSeconds"] = "600" });
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        var plug = await StoredPlugs.AddAdoptedAsync(hub, "obk_kettle");

        using var put = await client.SendAsync(HttpMethod.Put, $"/api/alerts/limits/{plug}",
            new { powerLimitW = 100.0, offlineAfterSeconds = 30, dailyEnergyBudgetKwh = 2.5 });
        var set = await HubHttpClient.ReadJsonAsync(put);
        var listed = await GetJsonAsync(client, "/api/alerts/limits");
        using var unknown = await client.SendAsync(HttpMethod.Put, "/api/alerts/limits/9999", new { powerLimitW = 100.0 });
        using var outOfRange = await client.SendAsync(HttpMethod.Put, $"/api/alerts/limits/{plug}", new { offlineAfterSeconds = 0 });
        using var deleted = await client.SendAsync(HttpMethod.Delete, $"/api/alerts/limits/{plug}");
        var after = await GetJsonAsync(client, $"/api/alerts/limits/{plug}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(100.0, set.GetProperty("effectivePowerLimitW").GetDouble());
        Assert.Equal(30, set.GetProperty("effectiveOfflineAfterSeconds").GetInt32());
        Assert.Equal(2.5, set.GetProperty("effectiveDailyEnergyBudgetKwh").GetDouble());
        Assert.Equal(plug, listed.EnumerateArray().Single().GetProperty("plugId").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("powerLimitW").ValueKind);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("effectivePowerLimitW").ValueKind);
        Assert.Equal(600, after.GetProperty("effectiveOfflineAfterSeconds").GetInt32());
    }

    [Fact]
    public async Task APowerLimitSetForOnePlugAlertsOnThatPlugOnly()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        var limited = await StoredPlugs.AddAdoptedAsync(hub, "obk_heater");
        var free = await StoredPlugs.AddAdoptedAsync(hub, "obk_oven");
        using var put = await client.SendAsync(HttpMethod.Put, $"/api/alerts/limits/{limited}", new { powerLimitW = 100.0 });

        var bus = hub.Services.GetRequiredService<PlugEventBus>();
        await bus.PublishAsync(Reading(free, 2000), Ct);
        await bus.PublishAsync(Reading(limited, 150), Ct);
        var alerts = await Eventually.MatchAsync(() => GetJsonAsync(client, "/api/alerts?state=all"),
            a => a.EnumerateArray().Any(x => x.GetProperty("key").GetString() == $"power:{limited}"), TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Contains("limit 100 W", alerts.EnumerateArray().Single().GetProperty("cause").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRulesShowTheThresholdsInForceAndCountThePlugsThatOverrideThem()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?>
        {
            ["Alerts:OfflineAfterSeconds"] = "900",
            ["Alerts:TagEnergyBudgetsKwh:heating"] = "20",
        });
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        var plug = await StoredPlugs.AddAdoptedAsync(hub, "obk_heater");
        var before = Rules(await GetJsonAsync(client, "/api/alerts/rules"));

        using var put = await client.SendAsync(HttpMethod.Put, $"/api/alerts/limits/{plug}", new { powerLimitW = 100.0 });
        var after = Rules(await GetJsonAsync(client, "/api/alerts/rules"));

        Assert.False(before["PowerAboveLimit"].GetProperty("enabled").GetBoolean());
        Assert.Equal(0, before["PowerAboveLimit"].GetProperty("plugOverrides").GetInt32());
        Assert.True(after["PowerAboveLimit"].GetProperty("enabled").GetBoolean());
        Assert.Equal(1, after["PowerAboveLimit"].GetProperty("plugOverrides").GetInt32());
        var power = after["PowerAboveLimit"].GetProperty("thresholds").EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, power.GetProperty("value").ValueKind);
        Assert.True(power.GetProperty("perPlug").GetBoolean());
        var offline = after["Offline"].GetProperty("thresholds").EnumerateArray().Single();
        Assert.Equal(900, offline.GetProperty("value").GetDouble());
        Assert.Contains(after["EnergyBudget"].GetProperty("thresholds").EnumerateArray(),
            t => t.GetProperty("key").GetString() == "TagEnergyBudgetsKwh:heating" && t.GetProperty("value").GetDouble() == 20);
        Assert.True(after["EnergyBudget"].GetProperty("enabled").GetBoolean());
        var resends = after["ProfileFailed"].GetProperty("thresholds").EnumerateArray().Single();
        Assert.Equal(("Profiles:MaxResendsAfterRestart", 3.0), (resends.GetProperty("key").GetString(), resends.GetProperty("value").GetDouble()));
    }

    private static Dictionary<string, JsonElement> Rules(JsonElement view) =>
        view.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!);

    private static ReadingReported Reading(long plug, double watts) => new()
    {
        Topic = "obk_test", PlugId = plug, At = TimeProvider.System.GetUtcNow(), PowerW = watts, VoltageV = 230,
    };

    private static async Task<JsonElement> GetJsonAsync(HubHttpClient client, string url)
    {
        using var response = await client.Http.GetAsync(new Uri(url, UriKind.Relative), Ct);
        return await HubHttpClient.ReadJsonAsync(response);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
