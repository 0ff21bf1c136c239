using Hub.Testing;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Web.Tests;

[Collection(SharedFleet.Name)]
public sealed partial class PlugPageTests(ChromiumFixture chromium, FleetFixture fixture) : BrowserTest(chromium)
{
    private HubWithPlugs Fleet => fixture.Fleet;

    protected override Uri BaseAddress => Fleet.Hub.BaseAddress;

    [Fact]
    public async Task ThePlugPageShowsLiveReadingsAndHistoryAndSavesANameAndTagsThatTheFleetShows()
    {
        var id = Fleet.PlugIds["obk_000000"];
        await SignInAsync($"/plugs/{id}", Fleet.AdminPassword);

        await Expect(Page.GetByTestId("plug-online")).ToContainTextAsync("online");
        await Expect(Page.GetByTestId("voltage")).ToHaveTextAsync(VoltsPattern());
        await Expect(Page.Locator("table.history")).ToContainTextAsync("Adopted");

        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Desk lamp");
        await Page.GetByLabel("Tags (comma-separated)").FillAsync("office, lamp");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Desk lamp");
        Assert.Equal("Desk lamp", (await Fleet.ListAsync("?status=Adopted")).Single(p => p.Id == id).Name);
        await Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Fleet" }).ClickAsync();
        var row = Page.Locator("[data-plug=obk_000000]");
        await Expect(row.Locator(".c-name")).ToHaveTextAsync("Desk lamp");
        await Expect(row.Locator(".c-tags")).ToContainTextAsync("office");

        await Page.Locator("[data-plug=obk_000001]").GetByRole(AriaRole.Checkbox).CheckAsync();
        await Page.Locator("[data-plug=obk_000002]").GetByRole(AriaRole.Checkbox).CheckAsync();
        await Page.Locator("#bulk-tag").FillAsync("kitchen");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add tag" }).ClickAsync();

        await Expect(Page.Locator("[data-plug=obk_000001] .c-tags")).ToContainTextAsync("kitchen");
        await Expect(Page.Locator("[data-plug=obk_000002] .c-tags")).ToContainTextAsync("kitchen");
    }

    [Fact]
    public async Task APlugsAlertLimitsAreSetCheckedAndResetToTheFleetDefaultsFromItsPage()
    {
        var id = Fleet.PlugIds["obk_000001"];
        await SignInAsync($"/plugs/{id}", Fleet.AdminPassword);
        var form = Page.GetByRole(AriaRole.Form, new() { Name = "Alert limits" });
        var inForce = Page.GetByTestId("limits-in-force");
        await Expect(inForce).ToContainTextAsync("no power limit");
        await Expect(form.GetByLabel("Offline after (s)")).ToHaveAttributeAsync("placeholder", "default: 600 s");

        // High enough that the plug's real draw never raises an alert other tests of the shared fleet would see.
        await form.GetByLabel("Power limit (W)").FillAsync("5000");
        await form.GetByLabel("Offline after (s)").FillAsync("90");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save limits" }).ClickAsync();
        await Expect(inForce).ToContainTextAsync("above 5000 W");
        await Expect(inForce).ToContainTextAsync("offline for 90 s");
        var saved = await LimitsAsync(id);

        await form.GetByLabel("Power limit (W)").FillAsync("200000");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save limits" }).ClickAsync();
        await Expect(Page.GetByTestId("limits-error")).ToContainTextAsync("100000");
        var refused = await LimitsAsync(id);

        await form.GetByRole(AriaRole.Button, new() { Name = "Use the fleet defaults" }).ClickAsync();
        await Expect(inForce).ToContainTextAsync("no power limit");
        await Expect(form.GetByLabel("Power limit (W)")).ToHaveValueAsync("");
        var reset = await LimitsAsync(id);

        Assert.Equal((5000.0, 90), (saved.GetProperty("powerLimitW").GetDouble(), saved.GetProperty("offlineAfterSeconds").GetInt32()));
        Assert.Equal(5000.0, refused.GetProperty("powerLimitW").GetDouble());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, reset.GetProperty("powerLimitW").ValueKind);
        Assert.Equal(600, reset.GetProperty("effectiveOfflineAfterSeconds").GetInt32());
    }

    private async Task<System.Text.Json.JsonElement> LimitsAsync(long id)
    {
        using var response = await Fleet.Api.Http.GetAsync(new Uri($"/api/alerts/limits/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        return await HubHttpClient.ReadJsonAsync(response);
    }

    [GeneratedRegex(@"^\d+\.\d V$")]
    private static partial Regex VoltsPattern();
}
