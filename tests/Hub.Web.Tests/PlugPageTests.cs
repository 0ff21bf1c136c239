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
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

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

    [GeneratedRegex(@"^\d+\.\d V$")]
    private static partial Regex VoltsPattern();
}
