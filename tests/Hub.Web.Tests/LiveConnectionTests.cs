using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Web.Tests;

/// <summary>Its own hub, because the test kills it and starts it again on the same ports and data folder.</summary>
public sealed class LiveConnectionTests(ChromiumFixture chromium) : BrowserTest(chromium), IAsyncLifetime
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
    public async Task ADroppedLiveConnectionShowsItsMarkerAndRecoversByItselfWithLiveUpdates()
    {
        var id = _fleet.PlugIds["obk_000000"];
        await _fleet.SetRelayAsync(id, on: false);
        await SignInAsync("/", _fleet.AdminPassword);
        var relay = Page.Locator("[data-plug=obk_000000]").GetByRole(AriaRole.Switch);
        await Expect(relay).ToHaveAttributeAsync("aria-checked", "false");
        await Expect(Page.Locator("main")).ToHaveAttributeAsync("data-live", "connected");
        await Page.EvaluateAsync("() => window.sameDocument = true");

        await _fleet.StopHubAsync();

        await Expect(Page.GetByTestId("live-lost")).ToHaveTextAsync("Live connection lost — reconnecting…");

        await _fleet.StartHubAgainAsync();

        await Expect(Page.GetByTestId("live-lost")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Hub.Testing.Eventually.MatchAsync(() => _fleet.ListAsync("?status=Adopted"), l => l.All(p => p.Online), TimeSpan.FromSeconds(30));
        await _fleet.SetRelayAsync(id, on: true);
        await Expect(relay).ToHaveAttributeAsync("aria-checked", "true");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.sameDocument === true"));
    }
}
