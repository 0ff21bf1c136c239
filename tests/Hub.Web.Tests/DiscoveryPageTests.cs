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

    [Fact]
    public async Task AScanOfTheRangeTheOwnerTypesReportsThePlugsThatAnsweredAndABadRangeShowsTheReason()
    {
        await SignInAsync("/discovery", Fleet.AdminPassword);
        var form = Page.GetByRole(AriaRole.Form, new() { Name = "Scan an address range" });

        await form.GetByLabel("Address range").FillAsync("not an address");
        await form.GetByRole(AriaRole.Button, new() { Name = "Scan" }).ClickAsync();
        await Expect(Page.GetByTestId("find-error")).ToContainTextAsync("CIDR", new() { Timeout = 30_000 });

        // Every plugsim plug listens on 127.0.0.1 on a port of its own; the scan asks exactly those.
        var ports = Fleet.Sim.Plugs.Values.Select(u => u.Port).Distinct().ToList();
        await form.GetByLabel("Address range").FillAsync("127.0.0.1");
        await form.GetByLabel("Ports").FillAsync(string.Join(", ", ports));
        await form.GetByRole(AriaRole.Button, new() { Name = "Scan" }).ClickAsync();

        var report = Page.GetByTestId("find-report");
        await Expect(report).ToContainTextAsync($"asked {ports.Count}", new() { Timeout = 60_000 });
        await Expect(report).ToContainTextAsync("obk_000001", new() { Timeout = 5_000 });
        await Expect(Page.GetByTestId("find-error")).ToHaveCountAsync(0);
    }
}
