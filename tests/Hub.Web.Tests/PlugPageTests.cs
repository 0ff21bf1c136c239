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

    [Fact]
    public async Task ThePlugPageShowsThePlugsAlertArrivingLiveAndTheProbesAndDevicesTheWatchdogHasForIt()
    {
        var id = Fleet.PlugIds["obk_000000"];
        var name = "router-" + Guid.NewGuid().ToString("N")[..8];
        // The device is the hub's own address and port, so its probe finds it up and raises nothing other tests see.
        using var device = await Fleet.Api.SendAsync(HttpMethod.Post, "/api/watchdog/devices", new { name, plugId = id, host = "127.0.0.1" });
        var deviceId = (await HubHttpClient.ReadJsonAsync(device)).GetProperty("id").GetInt64();
        try
        {
            using var probe = await Fleet.Api.SendAsync(HttpMethod.Post, "/api/watchdog/probes", new
            {
                deviceId, kind = "Tcp", port = Fleet.Hub.BaseAddress.Port, intervalSeconds = 5,
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, probe.StatusCode);
            var probeId = (await HubHttpClient.ReadJsonAsync(probe)).GetProperty("id").GetInt64();

            await SignInAsync($"/plugs/{id}", Fleet.AdminPassword);
            await Expect(Page.Locator("hub-plug-alerts")).ToHaveAttributeAsync("aria-busy", "false", new() { Timeout = 30_000 });
            var row = Page.GetByTestId("plug-open-alerts").Locator($"tr[data-alert='abnormal-reboot:{id}']");
            await Expect(row).ToHaveCountAsync(0);
            var deviceRow = Page.Locator($"tr[data-device={name}]");
            await Expect(deviceRow).ToContainTextAsync("127.0.0.1", new() { Timeout = 30_000 });
            // Probe verdicts are polled: the first run and the next poll may take a while on a loaded machine.
            await Expect(Page.Locator($"tr[data-probe='{probeId}']").GetByTestId("probe-state")).ToHaveTextAsync("up", new() { Timeout = 60_000 });
            await Expect(deviceRow.GetByTestId("target-state")).ToHaveTextAsync("up");
            // Gone if the page reloads: the alert must arrive by push into this same document.
            await Page.EvaluateAsync("() => { window.sameDocument = true; }");

            await CrashAsync("obk_000000");

            await Expect(row).ToContainTextAsync("obk_000000 rebooted abnormally", new() { Timeout = 60_000 });
            Assert.True(await Page.EvaluateAsync<bool>("() => window.sameDocument === true"));
            await row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
            await Expect(row).ToHaveAttributeAsync("data-state", "Acknowledged", new() { Timeout = 30_000 });
            await Expect(row).ToContainTextAsync("acknowledged by admin");
        }
        finally
        {
            using var deleted = await Fleet.Api.SendAsync(HttpMethod.Delete, $"/api/watchdog/devices/{deviceId}");
            // The crashed plug is back before the next test of the shared fleet uses it.
            await Eventually.MatchAsync(() => Fleet.ListAsync("?status=Adopted"),
                list => list.Single(p => p.Id == id).Online, TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>plugsim refuses while the plug is between boots (it restarts once more after adoption): try until it takes.</summary>
    private async Task CrashAsync(string topic) => await Eventually.MatchAsync(async () =>
    {
        try
        {
            await Fleet.Sim.CommandAsync("crash " + topic);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }, crashed => crashed, TimeSpan.FromSeconds(30));

    private async Task<System.Text.Json.JsonElement> LimitsAsync(long id)
    {
        using var response = await Fleet.Api.Http.GetAsync(new Uri($"/api/alerts/limits/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        return await HubHttpClient.ReadJsonAsync(response);
    }

    [GeneratedRegex(@"^\d+\.\d V$")]
    private static partial Regex VoltsPattern();
}
