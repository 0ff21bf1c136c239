using System.Net;
using Hub.Devices.Fleet.Events;
using Hub.Energy.Rollups;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Hub.Api.Tests.Energy.StoredReadings;

namespace Hub.Api.Tests.Energy;

public sealed class EnergyTodayTests
{
    [Fact]
    public async Task TodaysEnergyOfEveryPlugComesInOneAnswerAndMatchesEachPlugsSummary()
    {
        // Today's noon on a clock that stands still: run on the wall clock, the ten minutes of readings straddled
        // midnight between 00:00 and 00:10 UTC, and the day could turn between the two requests compared below.
        var noon = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddHours(12), TimeSpan.Zero);
        var time = new FakeTimeProvider(noon);
        await using var hub = new HubFactory(new Dictionary<string, string?> { ["Energy:TimeZone"] = "UTC" },
            services => services.AddSingleton<TimeProvider>(time));
        using var client = await hub.CreateHubClientAsync();
        using (var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var end = time.GetUtcNow();
        await StoreAsync(hub, Enumerable.Range(0, 11).Select(i => Reading(5, end.AddMinutes(i - 10), 1200, 50 + (i * 1200.0 / 60)))
            .Concat(Enumerable.Range(0, 11).Select(i => Reading(6, end.AddMinutes(i - 10), 60, 7 + (i * 60.0 / 60)))));

        using var response = await client.Http.GetAsync(new Uri("/api/energy/today", UriKind.Relative), Ct);
        var body = await HubHttpClient.ReadJsonAsync(response);
        var today = body.GetProperty("plugs").EnumerateArray()
            .ToDictionary(p => p.GetProperty("plugId").GetInt64(), p => p.GetProperty("energyWh").GetDouble());
        var summaries = new Dictionary<long, double>();
        foreach (var plug in new long[] { 5, 6 })
        {
            using var summary = await client.Http.GetAsync(new Uri($"/api/energy/plugs/{plug}/summary", UriKind.Relative), Ct);
            summaries[plug] = (await HubHttpClient.ReadJsonAsync(summary)).GetProperty("todayKwh").GetDouble() * 1000;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([5L, 6L], today.Keys.Order());
        Assert.All(today, p => Assert.Equal(summaries[p.Key], p.Value, precision: 3));
        Assert.All(today.Values, wh => Assert.True(wh > 0, $"{wh} Wh"));
        Assert.True(today[5] > today[6], "20 times the power used less energy");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
