using System.Globalization;
using System.Net;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Energy.Rollups;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Api.Tests.Energy.StoredReadings;

namespace Hub.Api.Tests.Energy;

public sealed class EnergyApiTests
{
    private static readonly Dictionary<string, string?> Utc = new() { ["Energy:TimeZone"] = "UTC" };

    [Fact]
    public async Task APlugsSeriesSummaryEventsAndCsvExportDescribeWhatItReported()
    {
        await using var hub = new HubFactory(Utc);
        using var client = await LoggedInAsync(hub);
        var start = TimeProvider.System.GetUtcNow().AddHours(-2);
        var readings = Enumerable.Range(0, 240).Select(i => Reading(42, start.AddSeconds(30 * i), 200.5, 100 + (i * 200.5 / 120)))
            .Append(Reading(42, start.AddSeconds(30 * 240), 200.5, 0.5));
        await StoreAsync(hub, readings);
        var from = Iso(start.AddMinutes(-1));
        var to = Iso(start.AddHours(3));

        using var series = await client.Http.GetAsync($"/api/energy/plugs/42/series?from={from}&to={to}", Ct);
        var body = await HubHttpClient.ReadJsonAsync(series);
        using var summary = await client.Http.GetAsync("/api/energy/plugs/42/summary", Ct);
        var lifetime = (await HubHttpClient.ReadJsonAsync(summary)).GetProperty("lifetimeKwh").GetDouble();
        using var events = await client.Http.GetAsync("/api/energy/plugs/42/events", Ct);
        var reset = (await HubHttpClient.ReadJsonAsync(events))[0];
        using var csv = await client.Http.GetAsync($"/api/energy/plugs/42/export.csv?from={from}&to={to}&resolution=minute", Ct);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, series.StatusCode);
        Assert.Equal("Raw", body.GetProperty("resolution").GetString());
        Assert.Equal(241, body.GetProperty("points").GetArrayLength());
        Assert.Equal(0.39983, lifetime, precision: 5);
        Assert.Equal("Reset", reset.GetProperty("kind").GetString());
        Assert.Equal(0.5, reset.GetProperty("addedWh").GetDouble());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("time,energy_wh,avg_w", lines[0], StringComparison.Ordinal);
        Assert.Equal(122, lines.Length);
        Assert.Contains(",200.5,200.5,200.5,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadRangesAre400LongRangesAre422AndUnknownPlugsAre404()
    {
        await using var hub = new HubFactory(Utc);
        using var client = await LoggedInAsync(hub);
        await StoreAsync(hub, [Reading(7, TimeProvider.System.GetUtcNow(), 10, 1)]);

        using var reversed = await client.Http.GetAsync("/api/energy/plugs/7/series?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", Ct);
        using var missing = await client.Http.GetAsync("/api/energy/plugs/7/series?from=2026-02-01T00:00:00Z", Ct);
        using var tooLong = await client.Http.GetAsync("/api/energy/plugs/7/series?from=2010-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", Ct);
        using var longTotals = await client.Http.GetAsync("/api/energy/fleet/totals?from=2010-01-01&to=2026-01-01", Ct);
        using var unknown = await client.Http.GetAsync("/api/energy/plugs/8/series?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", Ct);
        using var unknownSummary = await client.Http.GetAsync("/api/energy/plugs/8/summary", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, longTotals.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownSummary.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/problem+json", reversed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ATariffPricesTheFleetsDaysAndAGappyTariffIsRefused()
    {
        await using var hub = new HubFactory(Utc);
        using var client = await LoggedInAsync(hub);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-30);
        await StoreAsync(hub, Enumerable.Range(0, 31).Select(i => Reading(3, start.AddMinutes(i), 2000, 10 + (i * 2000.0 / 60))));
        var yesterday = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var flat = new { validFrom = "2020-01-01", currency = "EUR", dailyFee = 0.25m,
            periods = new[] { new { weekdays = 127, startMinute = 0, endMinute = 1440, pricePerKwh = 0.30m } } };
        var gappy = new { validFrom = "2021-01-01", currency = "EUR", dailyFee = 0m,
            periods = new[] { new { weekdays = 127, startMinute = 0, endMinute = 600, pricePerKwh = 0.30m } } };

        using var created = await client.SendAsync(HttpMethod.Post, "/api/energy/tariffs", flat);
        using var refused = await client.SendAsync(HttpMethod.Post, "/api/energy/tariffs", gappy);
        using var again = await client.SendAsync(HttpMethod.Post, "/api/energy/tariffs", flat with { });
        using var totals = await client.Http.GetAsync(
            $"/api/energy/fleet/totals?from={yesterday}&to={today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", Ct);
        var days = (await HubHttpClient.ReadJsonAsync(totals)).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(2, days.Count);
        Assert.Equal(1.0, days.Sum(d => d.GetProperty("energyKwh").GetDouble()), precision: 6);
        Assert.Equal(0.30m + (2 * 0.25m), days.Sum(d => d.GetProperty("cost").GetDecimal()));
    }

    [Fact]
    public async Task APlugsOwnMaxPowerMakesASmallerJumpAGlitchAndClearingItRestoresTheDefault()
    {
        await using var hub = new HubFactory(Utc);
        using var client = await LoggedInAsync(hub);
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-10);
        await StoreAsync(hub, [Reading(9, start, 100, 10)]);

        using var set = await client.SendAsync(HttpMethod.Put, "/api/energy/plugs/9/max-power", new { maxPowerW = 100 });
        var limit = await HubHttpClient.ReadJsonAsync(set);
        using var tooSmall = await client.SendAsync(HttpMethod.Put, "/api/energy/plugs/9/max-power", new { maxPowerW = 0 });
        using var unknown = await client.SendAsync(HttpMethod.Put, "/api/energy/plugs/8/max-power", new { maxPowerW = 100 });

        // 2 Wh in 10 s is 720 W: fine for a 3.68 kW plug, a glitch for one that cannot draw more than 100 W.
        await StoreAsync(hub, [Reading(9, start.AddSeconds(10), 100, 12)]);
        using var events = await client.Http.GetAsync("/api/energy/plugs/9/events", Ct);
        var glitch = (await HubHttpClient.ReadJsonAsync(events))[0];
        using var cleared = await client.SendAsync(HttpMethod.Put, "/api/energy/plugs/9/max-power", new { maxPowerW = (double?)null });
        var restored = await HubHttpClient.ReadJsonAsync(cleared);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(100, limit.GetProperty("maxPowerW").GetDouble());
        Assert.False(limit.GetProperty("isDefault").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, tooSmall.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Glitch", glitch.GetProperty("kind").GetString());
        Assert.Equal(3680, restored.GetProperty("maxPowerW").GetDouble());
        Assert.True(restored.GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task AGroupsAndATagsDaysAndMonthsAddUpTheirPlugsEnergyAndCost()
    {
        await using var hub = new HubFactory(Utc);
        using var client = await LoggedInAsync(hub);
        var ids = new List<long>();
        await using (var scope = hub.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
            var plugs = new[]
            {
                new Plug { Topic = "obk_kitchen1", Group = "kitchen", Tags = ["Heating"] },
                new Plug { Topic = "obk_kitchen2", Group = "kitchen" },
                new Plug { Topic = "obk_office", Group = "office", Tags = ["heating"] },
            };
            db.Plugs.AddRange(plugs);
            await db.SaveChangesAsync(Ct);
            ids.AddRange(plugs.Select(p => p.Id));
        }

        // Half an hour at 2, 1 and 3 kW: 1, 0.5 and 1.5 kWh.
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-31);
        double[] watts = [2000, 1000, 3000];
        await StoreAsync(hub, Enumerable.Range(0, 31).SelectMany(i => ids.Select((id, n) =>
            Reading(id, start.AddMinutes(i), watts[n], 10 + (i * watts[n] / 60)))));
        var flat = new { validFrom = "2020-01-01", currency = "EUR", dailyFee = 0.25m,
            periods = new[] { new { weekdays = 127, startMinute = 0, endMinute = 1440, pricePerKwh = 0.30m } } };
        using var created = await client.SendAsync(HttpMethod.Post, "/api/energy/tariffs", flat);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var range = $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";

        using var kitchen = await client.Http.GetAsync($"/api/energy/groups/kitchen/totals?{range}", Ct);
        using var heating = await client.Http.GetAsync($"/api/energy/tags/HEATING/totals?{range}&period=month", Ct);
        using var nobody = await client.Http.GetAsync($"/api/energy/groups/garage/totals?{range}", Ct);
        var kitchenDays = (await HubHttpClient.ReadJsonAsync(kitchen)).EnumerateArray().ToList();
        var heatingMonths = (await HubHttpClient.ReadJsonAsync(heating)).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1.5, kitchenDays.Sum(d => d.GetProperty("energyKwh").GetDouble()), precision: 6);
        Assert.Equal(0.45m, kitchenDays.Sum(d => d.GetProperty("cost").GetDecimal()));
        Assert.Equal(2.5, heatingMonths.Sum(m => m.GetProperty("energyKwh").GetDouble()), precision: 6);
        Assert.Equal(0.75m, heatingMonths.Sum(m => m.GetProperty("cost").GetDecimal()));
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
    }

    [Fact]
    public async Task EnergyEndpointsNeedALogin()
    {
        await using var hub = new HubFactory(Utc);
        await hub.WaitUntilReadyAsync();
        using var anonymous = hub.CreateClient();

        using var response = await anonymous.GetAsync("/api/energy/ingest", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateTimeOffset at) =>
        Uri.EscapeDataString(at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    private static async Task<HubHttpClient> LoggedInAsync(HubFactory hub)
    {
        var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        return client;
    }
}
