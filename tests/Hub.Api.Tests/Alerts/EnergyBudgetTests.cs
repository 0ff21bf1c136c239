using System.Globalization;
using System.Net;
using System.Text.Json;
using Hub.Devices.Fleet.Events;
using Hub.Energy.Rollups;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Hub.Api.Tests.Energy.StoredReadings;

namespace Hub.Api.Tests.Alerts;

public sealed class EnergyBudgetTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task DailyEnergyAboveAPlugOrTagBudgetIsAlertedAndClearsWhenTheOwnersDayTurns()
    {
        var midnight = NextLocalMidnight(TimeProvider.System.GetUtcNow());
        var time = new FakeTimeProvider(midnight.AddMinutes(-60));
        await using var hub = new HubFactory(new Dictionary<string, string?>
        {
            ["Energy:TimeZone"] = "Europe/Berlin",
            ["Alerts:DailyEnergyBudgetKwh"] = "5",
            ["Alerts:TagEnergyBudgetsKwh:heating"] = "2",
            ["Alerts:EnergyBudgetCheckSeconds"] = "1",
            ["Alerts:RecoveryHoldSeconds"] = "60",
        }, services => services.AddSingleton<TimeProvider>(time));
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        var heater = await StoredPlugs.AddAdoptedAsync(hub, "obk_heater", "heating");
        var towel = await StoredPlugs.AddAdoptedAsync(hub, "obk_towel", "heating");
        using var limit = await client.SendAsync(HttpMethod.Put, $"/api/alerts/limits/{heater}", new { dailyEnergyBudgetKwh = 1.0 });

        // An hour before local midnight, for 35 minutes: 2 kW for the heater (1.17 kWh, over its own 1 kWh), 1.5 kW for the towel
        // rail (0.88 kWh, under the default 5 kWh); together 2.04 kWh, over the tag's 2 kWh.
        time.SetUtcNow(midnight.AddMinutes(-24));
        await StoreAsync(hub, Minutes(heater, midnight.AddMinutes(-60), 36, 2000).Concat(Minutes(towel, midnight.AddMinutes(-60), 36, 1500)));
        var raised = await AlertsUntilAsync(client, time, a => Open(a, $"energy-budget:{heater}") && Open(a, "energy-budget:tag:heating"));

        // Ten minutes into the next local day (still the same UTC day) the totals start again from zero: the heater's
        // 0.3 kWh since midnight are under its budget. Its counter goes on from where it stopped.
        time.SetUtcNow(midnight.AddMinutes(11));
        await StoreAsync(hub, Minutes(heater, midnight.AddMinutes(1), 10, 2000, 1000 + (35 * 2000 / 60.0)));
        var cleared = await AlertsUntilAsync(client, time,
            a => Resolved(a, $"energy-budget:{heater}") && Resolved(a, "energy-budget:tag:heating"));

        Assert.Equal(HttpStatusCode.OK, limit.StatusCode);
        var heaterAlert = Find(raised, $"energy-budget:{heater}");
        Assert.Equal("EnergyBudget", heaterAlert.GetProperty("rule").GetString());
        Assert.Equal(heater, heaterAlert.GetProperty("plugId").GetInt64());
        var localDay = TimeZoneInfo.ConvertTime(midnight.AddMinutes(-1), Berlin).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains($"1.167 kWh on {localDay}", heaterAlert.GetProperty("cause").GetString(), StringComparison.Ordinal);
        Assert.Contains("2.042 kWh", Find(raised, "energy-budget:tag:heating").GetProperty("cause").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(raised.EnumerateArray(), a => a.GetProperty("key").GetString() == $"energy-budget:{towel}");
        Assert.DoesNotContain(cleared.EnumerateArray(), a => a.GetProperty("key").GetString() == $"energy-budget:{towel}");
    }

    private static DateTimeOffset NextLocalMidnight(DateTimeOffset now)
    {
        var tomorrow = TimeZoneInfo.ConvertTime(now, Berlin).Date.AddDays(1);
        return new DateTimeOffset(tomorrow, Berlin.GetUtcOffset(tomorrow));
    }

    private static IEnumerable<ReadingReported> Minutes(long plug, DateTimeOffset from, int count, double watts, double counterWh = 1000) =>
        Enumerable.Range(0, count).Select(i => new ReadingReported
        {
            Topic = "obk_test", PlugId = plug, At = from.AddMinutes(i), PowerW = watts,
            EnergyCounterWh = counterWh + (i * watts / 60), VoltageV = 230,
        });

    /// <summary>
    /// Polls the alerts, moving the fake clock a second each time so the once-a-second rule check and the
    /// recovery hold see time pass; the deadline is real time.
    /// </summary>
    private static Task<JsonElement> AlertsUntilAsync(HubHttpClient client, FakeTimeProvider time, Func<JsonElement, bool> condition) =>
        Eventually.MatchAsync(async () =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            using var response = await client.Http.GetAsync(new Uri("/api/alerts?state=all", UriKind.Relative), Ct);
            return await HubHttpClient.ReadJsonAsync(response);
        }, condition, TimeSpan.FromSeconds(60));

    private static JsonElement Find(JsonElement alerts, string key) =>
        alerts.EnumerateArray().Single(a => a.GetProperty("key").GetString() == key);

    private static bool Open(JsonElement alerts, string key) =>
        alerts.EnumerateArray().Any(a => a.GetProperty("key").GetString() == key && a.GetProperty("state").GetString() == "Active");

    private static bool Resolved(JsonElement alerts, string key) =>
        alerts.EnumerateArray().Any(a => a.GetProperty("key").GetString() == key && a.GetProperty("state").GetString() == "Resolved");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
