using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Web.Tests;

[Collection(SharedFleet.Name)]
public sealed class ProfilesPageTests(ChromiumFixture chromium, FleetFixture fixture) : BrowserTest(chromium)
{
    private HubWithPlugs Fleet => fixture.Fleet;

    protected override Uri BaseAddress => Fleet.Hub.BaseAddress;

    [Fact]
    public async Task AProfileMadeInThePageIsAppliedToAPlugThatReportsItAppliedAndIsThenDeleted()
    {
        // The shared fleet outlives this test: a name of its own, and the firmware's default start state, so the plug
        // behaves after a restart (other tests crash it) as it did before.
        var name = "Start off " + Guid.NewGuid().ToString("N")[..6];
        await SignInAsync("/profiles", Fleet.AdminPassword);
        var form = Page.GetByRole(AriaRole.Form, new() { Name = "New profile" });
        await form.GetByLabel("Name").FillAsync(name);
        await form.GetByLabel("Relay at start").SelectOptionAsync(new SelectOptionValue { Label = "Off" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Create profile" }).ClickAsync();

        var profile = Page.Locator($"section.profile[data-profile='{name}']");
        await Expect(profile).ToContainTextAsync("Relay at start: Off");
        await Expect(profile.GetByTestId("profile-summary")).ToHaveTextAsync("Not applied to any plug");
        await profile.GetByRole(AriaRole.Button, new() { Name = "Apply to plugs…" }).ClickAsync();
        await profile.GetByLabel("Search plugs").FillAsync("obk_000002");
        await profile.GetByRole(AriaRole.Button, new() { Name = "Choose all 1 matching" }).ClickAsync();
        await profile.GetByRole(AriaRole.Button, new() { Name = "Apply to 1 plug(s)" }).ClickAsync();

        var row = profile.Locator("tr[data-plug=obk_000002]");
        await Expect(row.GetByTestId("assignment-status")).ToHaveTextAsync("Applied", new() { Timeout = 90_000 });
        await Expect(profile.GetByTestId("profile-summary")).ToHaveTextAsync("1 applied");

        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await profile.GetByRole(AriaRole.Button, new() { Name = $"Delete profile {name}" }).ClickAsync();
        await Expect(profile).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AProfileTheApiRefusesShowsItsReasonBesideTheFormAndKeepsWhatWasTyped()
    {
        await SignInAsync("/profiles", Fleet.AdminPassword);
        var form = Page.GetByRole(AriaRole.Form, new() { Name = "New profile" });
        await form.GetByLabel("Name").FillAsync("Nothing set");
        await form.GetByLabel("Broker host").FillAsync("   ");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create profile" }).ClickAsync();

        await Expect(form.GetByTestId("profile-form-error")).ToHaveTextAsync("Give at least one setting or extra command.");
        await Expect(form.GetByLabel("Name")).ToHaveValueAsync("Nothing set");
        await Expect(Page.Locator("section.profile[data-profile='Nothing set']")).ToHaveCountAsync(0);
    }
}
