using System.Net.Http.Json;
using System.Text.Json;
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
        var stoppedAt = TimeProvider.System.GetUtcNow();

        await Expect(Page.GetByTestId("live-lost")).ToHaveTextAsync("Live connection lost — reconnecting…");

        await _fleet.StartHubAgainAsync();

        await Expect(Page.GetByTestId("live-lost")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        // The plug must really be back before it is switched: its "online" flag survives the restart from the data folder,
        // so only a message heard after the stop shows it. Its reconnect back-off doubles up to a minute while the hub is
        // down, so the next attempt can come up to 61 s after the hub is ready.
        await Hub.Testing.Eventually.MatchAsync(() => _fleet.Api.Http.GetFromJsonAsync<JsonElement>("/api/plugs?status=Adopted"),
            page => page.GetProperty("items").EnumerateArray().All(p => p.GetProperty("online").GetBoolean()
                && p.GetProperty("lastSeenAt") is { ValueKind: JsonValueKind.String } seen && seen.GetDateTimeOffset() > stoppedAt),
            TimeSpan.FromSeconds(90));
        await _fleet.SetRelayAsync(id, on: true);
        await Expect(relay).ToHaveAttributeAsync("aria-checked", "true");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.sameDocument === true"));
    }
}
