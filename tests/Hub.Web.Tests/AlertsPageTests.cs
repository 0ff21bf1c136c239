using Hub.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Web.Tests;

[Collection(SharedFleet.Name)]
public sealed class AlertsPageTests(ChromiumFixture chromium, FleetFixture fixture) : BrowserTest(chromium)
{
    private HubWithPlugs Fleet => fixture.Fleet;

    protected override Uri BaseAddress => Fleet.Hub.BaseAddress;

    [Fact]
    public async Task AChannelIsAddedAndTestedFromThePage()
    {
        await using var mqtt = await Fleet.ConnectAsHubAsync("hub/alerts/#");
        await SignInAsync("/alerts", Fleet.AdminPassword);
        var form = Page.GetByRole(AriaRole.Form, new() { Name = "Add channel" });
        await form.GetByLabel("Name").FillAsync("home-automation");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add channel" }).ClickAsync();
        var row = Page.Locator("tr[data-channel=home-automation]");
        await Expect(row).ToContainTextAsync("Mqtt");

        await row.GetByRole(AriaRole.Button, new() { Name = "Test home-automation" }).ClickAsync();

        await Expect(row.GetByTestId("test-result")).ToHaveTextAsync("Delivered");
        // The payload is JSON, which escapes the quotes around the channel's name.
        await mqtt.WaitForAsync((_, payload) => payload.Contains("Test of channel", StringComparison.Ordinal)
            && payload.Contains("home-automation", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task APlugCrashShowsUpAsAnActiveAlertAndIsAcknowledgedIntoItsOwnList()
    {
        var id = Fleet.PlugIds["obk_000002"];
        await SignInAsync("/alerts", Fleet.AdminPassword);
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Active" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Page.Locator("tr[data-rule=Offline]")).ToContainTextAsync("600 s (per plug)");
        // Gone if the page reloads: the alert must arrive by push into this same document.
        await Page.EvaluateAsync("() => { window.sameDocument = true; }");

        // plugsim refuses while the plug is between boots (it restarts once more after adoption): try until it takes.
        await Eventually.MatchAsync(async () =>
        {
            try
            {
                await Fleet.Sim.CommandAsync("crash obk_000002");
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }, crashed => crashed, TimeSpan.FromSeconds(30));

        // Pushed as soon as it is raised; the plug needs a few seconds to restart and report why.
        var row = Page.Locator($"tr[data-alert='abnormal-reboot:{id}']");
        await Expect(row).ToContainTextAsync("obk_000002 rebooted abnormally", new() { Timeout = 60_000 });
        Assert.True(await Page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        await Expect(Page.GetByTestId("active-alerts")).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        // The badge counts what the Active tab lists (other rules may have raised alerts on the shared fleet meanwhile).
        await Eventually.MatchAsync(async () => (await Page.Locator("table.alerts tbody tr").CountAsync(), await BadgeAsync()),
            counts => counts.Item1 == counts.Item2, TimeSpan.FromSeconds(15));

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Acknowledged" }).ClickAsync();
        await Expect(row).ToContainTextAsync("admin");

        // The crashed plug is back before the next test of the shared fleet uses it.
        await Eventually.MatchAsync(() => Fleet.ListAsync("?status=Adopted"),
            list => list.Single(p => p.Id == id).Online, TimeSpan.FromSeconds(30));
    }

    private async Task<int> BadgeAsync()
    {
        var badge = Page.GetByTestId("active-alerts");
        return await badge.CountAsync() == 0 ? 0 : int.Parse(await badge.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
