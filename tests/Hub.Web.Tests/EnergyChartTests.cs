using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Web.Tests;

/// <summary>Its own hub with one plug, so the plug's readings start when this test switches its relay on.</summary>
public sealed partial class EnergyChartTests(ChromiumFixture chromium) : BrowserTest(chromium), IAsyncLifetime
{
    private HubWithPlugs _fleet = null!;

    protected override Uri BaseAddress => _fleet.Hub.BaseAddress;

    public override async ValueTask InitializeAsync()
    {
        _fleet = await HubWithPlugs.StartAsync(plugs: 1, adopted: 1);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _fleet.DisposeAsync();
    }

    [Fact]
    public async Task ThePlugPageChartDrawsTheStoredPointsAndShowsTodaysEnergyAndCost()
    {
        var id = _fleet.PlugIds["obk_000000"];
        // A freshly adopted plug restarts once more; "always on" has the hub switch it on again after that.
        using (var desired = await _fleet.Api.SendAsync(HttpMethod.Put, $"/api/plugs/{id}/desired/1", new { mode = "On" }))
        {
            Assert.True(desired.IsSuccessStatusCode, $"Setting the desired state answered {desired.StatusCode}.");
        }

        await _fleet.SetRelayAsync(id, on: true);

        // The page's default range is the last day, which the series endpoint answers with minute rollups; the
        // rollup job runs once a minute, so the first points with power take up to about that long.
        var stored = await Eventually.MatchAsync(() => SeriesAsync(id), s => s.Any(w => w > 0), TimeSpan.FromSeconds(150));

        await SignInAsync($"/plugs/{id}", _fleet.AdminPassword);
        var chart = Page.Locator("hub-energy-chart");
        await Expect(chart.Locator(".chart-power canvas")).ToHaveCountAsync(1);
        await Expect(chart).ToHaveAttributeAsync("data-points", PositiveNumber());
        var drawn = int.Parse((await chart.GetAttributeAsync("data-points"))!, CultureInfo.InvariantCulture);
        Assert.True(drawn >= stored.Count, $"The chart drew {drawn} points; the series endpoint had {stored.Count}.");
        await Expect(chart).ToHaveAttributeAsync("data-resolution", "Minute");

        await Expect(Page.GetByTestId("today-kwh")).ToHaveTextAsync(Kwh());
        await Expect(Page.GetByTestId("month-kwh")).ToHaveTextAsync(Kwh());
        await Expect(Page.GetByTestId("today-cost")).ToBeVisibleAsync();
        await Expect(chart.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }))
            .ToHaveAttributeAsync("href", ExportLink());

        await chart.GetByRole(AriaRole.Button, new() { Name = "Week" }).ClickAsync();
        await Expect(chart.GetByRole(AriaRole.Button, new() { Name = "Week" }))
            .ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(chart).ToHaveAttributeAsync("data-points", PositiveNumber());

        // The fleet list's column comes from one bulk request (GET /api/energy/today); "–" means it never answered.
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Fleet" }).ClickAsync();
        await Expect(Page.Locator("[data-plug=obk_000000] .c-today")).ToHaveTextAsync(Kwh());
    }

    /// <summary>The average watts of the last day's points (empty until the plug's first reading is stored).</summary>
    private async Task<List<double>> SeriesAsync(long id)
    {
        var to = TimeProvider.System.GetUtcNow();
        var from = to.AddDays(-1);
        var url = string.Create(CultureInfo.InvariantCulture,
            $"/api/energy/plugs/{id}/series?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}");
        using var response = await _fleet.Api.Http.GetAsync(new Uri(url, UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var series = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. series.GetProperty("points").EnumerateArray()
            .Select(p => p.GetProperty("avgW") is { ValueKind: JsonValueKind.Number } w ? w.GetDouble() : 0)];
    }

    [GeneratedRegex(@"^[1-9]\d*$")]
    private static partial Regex PositiveNumber();

    [GeneratedRegex(@"^\d+\.\d+ kWh$")]
    private static partial Regex Kwh();

    [GeneratedRegex(@"^/api/energy/plugs/\d+/export\.csv\?from=")]
    private static partial Regex ExportLink();
}
