using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Web.Tests;

/// <summary>
/// The fleet's Energy page and a plug's maximum power, against energy that plugsim really metered. Rollups run once a
/// minute, so the page's numbers are checked against the API's answers just before and just after the page showed them
/// (energy only grows), never against a fixed number.
/// </summary>
public sealed partial class EnergyPageTests(ChromiumFixture chromium, EnergyFleetFixture fixture)
    : BrowserTest(chromium), IClassFixture<EnergyFleetFixture>
{
    private const decimal Price = 2.5m;

    private HubWithPlugs Fleet => fixture.Fleet;

    protected override Uri BaseAddress => Fleet.Hub.BaseAddress;

    [Fact]
    public async Task TheEnergyPageShowsTheFleetsStoredEnergyTheTopPlugAndTagTotalsWithTheCostOfATariff()
    {
        var month = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
        var from = new DateOnly(month.Year, month.Month, 1);
        var range = string.Create(CultureInfo.InvariantCulture, $"from={from:yyyy-MM-dd}&to={from.AddMonths(1):yyyy-MM-dd}");
        // The day rollups that the totals read are written by the once-a-minute job.
        await Eventually.MatchAsync(() => TagKwhAsync("kitchen", range), kwh => kwh > 0, TimeSpan.FromSeconds(150));
        var busy = fixture.BusyPlug;

        await SignInAsync("/", Fleet.AdminPassword);
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Energy" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/energy$"));
        await Expect(Page.GetByTestId("energy-range")).ToHaveTextAsync(from.ToString("MMMM yyyy", CultureInfo.InvariantCulture));
        await Expect(Page.Locator($"[data-testid=top-consumers] tr[data-plug-id='{busy}']")).ToHaveCountAsync(1);
        var hint = Page.GetByTestId("no-tariff");
        await Expect(hint.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "/settings#tariffs");
        await Expect(Page.GetByTestId("fleet-cost")).ToHaveCountAsync(0);
        await hint.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/settings#tariffs$"));
        await Expect(Page.GetByRole(AriaRole.Form, new() { Name = "Add tariff" })).ToBeVisibleAsync();
        await Page.GoBackAsync();
        await Expect(hint).ToBeVisibleAsync();

        using (var tariff = await Fleet.Api.SendAsync(HttpMethod.Post, "/api/energy/tariffs", new
        {
            validFrom = "2020-01-01", currency = "CHF", dailyFee = 0,
            periods = new[] { new { weekdays = 127, startMinute = 0, endMinute = 1440, pricePerKwh = Price } },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, tariff.StatusCode);
        }

        var before = (Fleet: await FleetKwhAsync(range), Top: await TopKwhAsync(busy, range), Tag: await TagKwhAsync("kitchen", range));
        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("fleet-cost")).ToHaveTextAsync(new Regex(@"^\d+\.\d+ CHF$"));
        await Expect(hint).ToHaveCountAsync(0);
        var top = Page.Locator("[data-testid=top-consumers] tbody tr").First;
        await Expect(top).ToHaveAttributeAsync("data-plug-id", busy.ToString(CultureInfo.InvariantCulture));
        await Expect(top.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/plugs/{busy}");
        // The idle plug has stored readings of 0 W: the API ranks it, the page leaves it out.
        await Expect(Page.Locator($"[data-testid=top-consumers] tr[data-plug-id='{fixture.IdlePlug}']")).ToHaveCountAsync(0);
        await Expect(top).ToContainTextAsync(new Regex(@"\d+\.\d+ CHF"));
        await Expect(top.Locator("td").Last).ToHaveTextAsync(new Regex(@"^\d+\.\d%$"));
        var kitchen = Page.Locator("[data-testid=energy-by-tag] tr[data-tag=kitchen]");
        await Expect(kitchen).ToContainTextAsync("CHF");
        await Expect(Page.Locator("[data-testid=energy-by-tag] tr[data-tag=attic]")).ToHaveCountAsync(1);
        await Expect(Page.Locator("[data-testid=energy-by-group] tr[data-group=downstairs]")).ToHaveCountAsync(1);
        await Expect(Page.Locator("hub-energy-page")).ToHaveAttributeAsync("data-bars", new Regex("^[1-9][0-9]*$"));

        // One render's numbers, read together: the fleet's cost is its energy at the tariff's flat price.
        var shown = await Page.EvaluateAsync<string[]>(@"() => [
            document.querySelector('[data-testid=fleet-kwh]').dataset.kwh,
            document.querySelector('[data-testid=fleet-cost]').dataset.cost,
            document.querySelector('[data-testid=top-consumers] tbody tr').dataset.kwh,
            document.querySelector('[data-testid=energy-by-tag] tr[data-tag=kitchen]').dataset.kwh,
            document.querySelector('[data-testid=energy-by-tag] tr[data-tag=attic]').dataset.kwh]");
        var page = shown.Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var after = (Fleet: await FleetKwhAsync(range), Top: await TopKwhAsync(busy, range), Tag: await TagKwhAsync("kitchen", range));
        Assert.InRange(page[0], before.Fleet, after.Fleet);
        Assert.InRange(page[1], (page[0] * (double)Price) - 0.001, (page[0] * (double)Price) + 0.001);
        Assert.InRange(page[2], before.Top, after.Top);
        Assert.InRange(page[3], before.Tag, after.Tag);
        Assert.True(page[3] > page[4], $"The kitchen plug is on and the attic plug off, yet the page shows {page[3]} and {page[4]} kWh.");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Previous month" }).ClickAsync();
        await Expect(Page.GetByTestId("energy-range")).ToHaveTextAsync(from.AddMonths(-1).ToString("MMMM yyyy", CultureInfo.InvariantCulture));
        await Expect(Page).ToHaveURLAsync(new Regex($"/energy\\?month={from.AddMonths(-1):yyyy-MM}$"));
        await Expect(Page.GetByText("No plug used energy in this range.")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "This month" }).ClickAsync();
        await Expect(Page.Locator($"[data-testid=top-consumers] tr[data-plug-id='{busy}']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task APlugsMaximumPowerIsSetOnItsPageABadValueShowsTheApisReasonAndResetGoesBackToTheDefault()
    {
        var busy = fixture.BusyPlug;
        var url = $"/api/energy/plugs/{busy}/max-power";
        // The energy module knows a plug from its first stored reading on.
        var start = await Eventually.MatchAsync(() => MaxPowerAsync(url), m => m is not null, TimeSpan.FromSeconds(60));
        Assert.True(start!.Value.GetProperty("isDefault").GetBoolean());
        var fleetDefault = start.Value.GetProperty("maxPowerW").GetDouble().ToString(CultureInfo.InvariantCulture);

        await SignInAsync($"/plugs/{busy}", Fleet.AdminPassword);
        var form = Page.GetByRole(AriaRole.Form, new() { Name = "Maximum power" });
        var field = form.GetByLabel("Maximum power (W)");
        await Expect(Page.GetByTestId("max-power-source")).ToHaveTextAsync("fleet default");
        await Expect(Page.GetByTestId("max-power-value")).ToHaveTextAsync($"{fleetDefault} W");

        await field.FillAsync("2500");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save maximum power" }).ClickAsync();
        await Expect(Page.GetByTestId("max-power-source")).ToHaveTextAsync("this plug's own");
        await Expect(Page.GetByTestId("max-power-value")).ToHaveTextAsync("2500 W");
        var own = (await MaxPowerAsync(url))!.Value;
        Assert.Equal(2500, own.GetProperty("maxPowerW").GetDouble());
        Assert.False(own.GetProperty("isDefault").GetBoolean());

        string reason;
        using (var refused = await Fleet.Api.SendAsync(HttpMethod.Put, url, new { maxPowerW = 0 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            reason = problem.GetProperty("errors").EnumerateObject().First().Value[0].GetString()!;
        }

        await field.FillAsync("0");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save maximum power" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync(reason);
        await Expect(field).ToHaveValueAsync("0");
        Assert.Equal(2500, (await MaxPowerAsync(url))!.Value.GetProperty("maxPowerW").GetDouble());

        await form.GetByRole(AriaRole.Button, new() { Name = "Use the fleet default" }).ClickAsync();
        await Expect(Page.GetByTestId("max-power-source")).ToHaveTextAsync("fleet default");
        await Expect(form.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(field).ToHaveValueAsync("");
        Assert.True((await MaxPowerAsync(url))!.Value.GetProperty("isDefault").GetBoolean());
    }

    private async Task<JsonElement?> MaxPowerAsync(string url)
    {
        using var response = await Fleet.Api.Http.GetAsync(new Uri(url, UriKind.Relative));
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    private async Task<double> FleetKwhAsync(string range) =>
        (await Fleet.Api.Http.GetFromJsonAsync<JsonElement>($"/api/energy/fleet/totals?{range}&period=day"))
            .EnumerateArray().Sum(t => t.GetProperty("energyKwh").GetDouble());

    private async Task<double> TagKwhAsync(string tag, string range) =>
        (await Fleet.Api.Http.GetFromJsonAsync<JsonElement>($"/api/energy/tags/{tag}/totals?{range}&period=day"))
            .EnumerateArray().Sum(t => t.GetProperty("energyKwh").GetDouble());

    private async Task<double> TopKwhAsync(long plugId, string range) =>
        (await Fleet.Api.Http.GetFromJsonAsync<JsonElement>($"/api/energy/fleet/top?{range}"))
            .EnumerateArray().Where(p => p.GetProperty("plugId").GetInt64() == plugId)
            .Sum(p => p.GetProperty("energyKwh").GetDouble());
}
