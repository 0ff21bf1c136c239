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
        await _fleet.SetRelayAsync(id, on: true);

        // The page's default range is the last day, which the series endpoint answers with minute rollups; the
        // rollup job runs once a minute, so the first points take up to about that long.
        var stored = await Eventually.MatchAsync(() => SeriesCountAsync(id), n => n > 0, TimeSpan.FromSeconds(150));

        await SignInAsync($"/plugs/{id}", _fleet.AdminPassword);
        var chart = Page.Locator("hub-energy-chart");
        await Expect(chart.Locator(".chart-power canvas")).ToHaveCountAsync(1);
        await Expect(chart).ToHaveAttributeAsync("data-points", PositiveNumber());
        var drawn = int.Parse((await chart.GetAttributeAsync("data-points"))!, CultureInfo.InvariantCulture);
        Assert.True(drawn >= stored, $"The chart drew {drawn} points; the series endpoint had {stored}.");
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
    }

    private async Task<int> SeriesCountAsync(long id)
    {
        var to = TimeProvider.System.GetUtcNow();
        var from = to.AddDays(-1);
        var url = string.Create(CultureInfo.InvariantCulture,
            $"/api/energy/plugs/{id}/series?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}");
        using var response = await _fleet.Api.Http.GetAsync(new Uri(url, UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return 0;
        }

        var series = await response.Content.ReadFromJsonAsync<JsonElement>();
        return series.GetProperty("points").GetArrayLength();
    }

    [GeneratedRegex(@"^[1-9]\d*$")]
    private static partial Regex PositiveNumber();

    [GeneratedRegex(@"^\d+\.\d+ kWh$")]
    private static partial Regex Kwh();

    [GeneratedRegex(@"^/api/energy/plugs/\d+/export\.csv\?from=")]
    private static partial Regex ExportLink();
}
