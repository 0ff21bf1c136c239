using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Hub.Testing;
using MQTTnet;
using static Microsoft.Playwright.Assertions;

namespace Hub.Web.Tests;

[Collection(SharedFleet.Name)]
public sealed partial class FleetPageTests(ChromiumFixture chromium, FleetFixture fixture) : BrowserTest(chromium)
{
    private HubWithPlugs Fleet => fixture.Fleet;

    protected override Uri BaseAddress => Fleet.Hub.BaseAddress;

    [Fact]
    public async Task SigningInShowsTheRefusalTextThenTheFleetWithEveryAdoptedPlugOnlineAndABulkSwitchWorks()
    {
        await Page.GotoAsync("/");
        await Page.Locator("#username").FillAsync("admin");
        await Page.Locator("#password").FillAsync("not-the-password");
        await Page.Locator("#submit").ClickAsync();
        await Expect(Page.Locator("#error")).ToHaveTextAsync("Wrong user name or password.");

        await Page.Locator("#password").FillAsync(Fleet.AdminPassword);
        await Page.Locator("#submit").ClickAsync();

        await Expect(Page).ToHaveURLAsync(Fleet.Hub.BaseAddress.ToString());
        foreach (var topic in new[] { "obk_000000", "obk_000001", "obk_000002" })
        {
            var row = Page.Locator($"[data-plug={topic}]");
            await Expect(row.Locator(".c-online")).ToHaveTextAsync("online");
            await Expect(row.Locator(".c-power")).ToHaveTextAsync(WattsPattern());
            await Expect(row.GetByRole(AriaRole.Switch)).ToBeEnabledAsync();
        }

        await Fleet.SetRelayAsync(Fleet.PlugIds["obk_000002"], on: false);
        await Page.Locator("[data-plug=obk_000002]").GetByRole(AriaRole.Checkbox).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Switched" })).ToContainTextAsync("Switched 1 of 1 plugs on.");
        await Expect(Page.Locator("[data-plug=obk_000002]").GetByRole(AriaRole.Switch)).ToHaveAttributeAsync("aria-checked", "true");
    }

    [Fact]
    public async Task ARelaySwitchedInThePageSwitchesThePlugAndAChangeFromOutsideAppearsWithoutReload()
    {
        var id = Fleet.PlugIds["obk_000001"];
        await Fleet.SetRelayAsync(id, on: false);
        await using var mqtt = await Fleet.ConnectAsHubAsync("obk_000001/1/get");
        await SignInAsync("/", Fleet.AdminPassword);
        await Page.EvaluateAsync("() => window.sameDocument = true");
        var relay = Page.Locator("[data-plug=obk_000001]").GetByRole(AriaRole.Switch);
        await Expect(relay).ToHaveAttributeAsync("aria-checked", "false");

        // A real control: focus it and press Space, as a keyboard user would.
        await relay.FocusAsync();
        await Page.Keyboard.PressAsync("Space");

        await Expect(relay).ToHaveAttributeAsync("aria-checked", "true");
        await mqtt.WaitForAsync((_, payload) => payload == "1", TimeSpan.FromSeconds(10));
        // The API reads the state the hub stores, which follows the plug's report by a moment.
        await Eventually.MatchAsync(() => Fleet.RelayAsync(id), on => on == true, TimeSpan.FromSeconds(10));

        await mqtt.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("cmnd/obk_000001/POWER").WithPayload("OFF").Build(),
            TestContext.Current.CancellationToken);

        await Expect(relay).ToHaveAttributeAsync("aria-checked", "false");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.sameDocument === true"));
    }

    [GeneratedRegex(@"^\d+(\.\d+)? k?W$")]
    private static partial Regex WattsPattern();
}
