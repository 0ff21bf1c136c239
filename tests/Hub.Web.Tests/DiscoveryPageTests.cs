using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Web.Tests;

[Collection(SharedFleet.Name)]
public sealed class DiscoveryPageTests(ChromiumFixture chromium, FleetFixture fixture) : BrowserTest(chromium)
{
    private HubWithPlugs Fleet => fixture.Fleet;

    protected override Uri BaseAddress => Fleet.Hub.BaseAddress;

    [Fact]
    public async Task APendingPlugIsShownWithWhatWasIdentifiedAndAdoptedFromTheList()
    {
        var id = Fleet.PlugIds["obk_000003"];
        await SignInAsync("/discovery", Fleet.AdminPassword);
        var row = Page.Locator("[data-plug=obk_000003]");
        await Expect(row).ToContainTextAsync("online");
        await Expect(Page.Locator("[data-plug=obk_000000]")).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Button, new() { Name = "Adopt obk_000003" }).ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        Assert.Equal("Adopted", (await Fleet.ListAsync("")).Single(p => p.Id == id).Status);
    }
}
