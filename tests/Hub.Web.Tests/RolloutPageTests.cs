using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Web.Tests;

/// <summary>
/// Its own hub with two plugs that trusts the development signing key: a rollout flashes and restarts its plugs, which
/// the shared fleet's other tests must not see.
/// </summary>
public sealed partial class RolloutPageTests(ChromiumFixture chromium) : BrowserTest(chromium), IAsyncLifetime
{
    private HubWithPlugs _fleet = null!;

    protected override Uri BaseAddress => _fleet.Hub.BaseAddress;

    public override async ValueTask InitializeAsync()
    {
        _fleet = await HubWithPlugs.StartAsync(plugs: 2, adopted: 2, new Dictionary<string, string>
        {
            ["Ota__Firmware__TrustedKeys__0"] = OtaImages.DevPublicKeyPath,
        });
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _fleet.DisposeAsync();
    }

    [Fact]
    public async Task AnImageUploadedInThePageGoesOutThroughTheWizardAndTheLiveViewFollowsItToTheEnd()
    {
        await FindPlugWebServersAsync();
        using var folder = new TempFolder("rollout-page");
        var file = folder.Combine("plug-1.19.0.img");
        using (var key = OtaImages.DevKey())
        {
            await File.WriteAllBytesAsync(file, OtaImages.PlugImage(key, "BL602", "1.19.0", OtaImages.Payload(8000)), TestContext.Current.CancellationToken);
        }

        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await SignInAsync("/firmware", _fleet.AdminPassword);
        await Page.Locator("input[name=file]").SetInputFilesAsync(file);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        var imageRow = Page.Locator("tr[data-file='plug-1.19.0.img']");
        await Expect(imageRow.Locator(".badge")).ToHaveTextAsync("signed");
        var imageId = long.Parse((await imageRow.GetAttributeAsync("data-image"))!, CultureInfo.InvariantCulture);

        await CommandsOfAHeldRolloutAsync(imageId);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Rollouts" }).First.ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "New rollout" }).ClickAsync();
        await Page.GetByRole(AriaRole.Radio, new() { Name = "Chosen plugs" }).CheckAsync();
        await Page.GetByRole(AriaRole.Checkbox, new() { Name = "Target obk_000000" }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Check compatibility" }).ClickAsync();
        await Expect(Page.GetByTestId("verdict-summary")).ToHaveTextAsync("1 of 1 plug(s) can take this image.");
        await Expect(Page.Locator("tr[data-verdict=obk_000000]")).ToContainTextAsync("compatible");

        await Page.GetByRole(AriaRole.Radio, new() { Name = "Every adopted plug" }).CheckAsync();
        await Expect(Page.GetByTestId("verdict-summary")).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Check compatibility" }).ClickAsync();
        await Expect(Page.GetByTestId("verdict-summary")).ToHaveTextAsync("2 of 2 plug(s) can take this image.");
        await Page.Locator("input[name=name]").FillAsync("to 1.19.0");
        await Page.Locator("input[name=waves]").FillAsync("1, rest");
        await Page.Locator("input[name=timeout]").FillAsync("60");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start rollout" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(RolloutUrl());
        await Expect(Page.GetByTestId("rollout-status")).ToHaveTextAsync("Completed", new() { Timeout = 150_000 });
        await Expect(Page.GetByTestId("rollout-progress")).ToHaveTextAsync("2 / 2 plugs done");
        foreach (var topic in _fleet.PlugIds.Keys)
        {
            var row = Page.Locator($"tr[data-plug={topic}]");
            await Expect(row.GetByTestId("plug-state")).ToHaveTextAsync("Succeeded");
            await Expect(row).ToContainTextAsync("1.19.0");
        }

        await Expect(Page.Locator("[data-wave]")).ToHaveCountAsync(2);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheWizardsDeliveryChoiceReachesThePreviewPerPlugAndTheCreatedRollout()
    {
        using (var key = OtaImages.DevKey())
        {
            using var upload = await _fleet.Api.PostBytesAsync("/api/firmware", OtaImages.PlugImage(key, "BL602", "1.21.0", OtaImages.Payload(4000)));
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        await SignInAsync("/rollouts", _fleet.AdminPassword);
        await Page.GetByRole(AriaRole.Link, new() { Name = "New rollout" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Check compatibility" }).ClickAsync();
        await Expect(Page.GetByTestId("verdict-delivery")).ToHaveTextAsync(["push", "push"]);

        await Page.GetByLabel("Delivery").SelectOptionAsync("Pull");
        await Expect(Page.GetByTestId("verdict-summary")).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Check compatibility" }).ClickAsync();
        await Expect(Page.GetByTestId("verdict-delivery")).ToHaveTextAsync(["pull", "pull"]);
        await Page.Locator("input[name=name]").FillAsync("pulled, held");
        await Page.GetByLabel("Window start (cron)").FillAsync("0 0 3 1 1 ? 2099");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start rollout" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(RolloutUrl());

        var id = Page.Url[(Page.Url.LastIndexOf('/') + 1)..];
        using var list = await _fleet.Api.Http.GetAsync(new Uri("/api/rollouts", UriKind.Relative), TestContext.Current.CancellationToken);
        var stored = (await HubHttpClient.ReadJsonAsync(list)).EnumerateArray().Single(r => r.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture) == id);
        Assert.Equal("Pull", stored.GetProperty("delivery").GetString());
        using var abort = await _fleet.Api.SendAsync(HttpMethod.Post, $"/api/rollouts/{id}/abort");
        Assert.Equal(HttpStatusCode.OK, abort.StatusCode);
    }

    /// <summary>
    /// A rollout started from the wizard with a maintenance window that never comes (a bad cron first, refused with the
    /// API's reason) starts no plug, so its buttons can be pressed safely.
    /// </summary>
    private async Task CommandsOfAHeldRolloutAsync(long imageId)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Rollouts" }).First.ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "New rollout" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Check compatibility" }).ClickAsync();
        await Expect(Page.GetByTestId("verdict-summary")).ToHaveTextAsync("2 of 2 plug(s) can take this image.");
        await Page.Locator("input[name=name]").FillAsync("held");
        await Page.GetByLabel("Window start (cron)").FillAsync("every night");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start rollout" }).ClickAsync();
        await Expect(Page.GetByTestId("wizard-error")).ToContainTextAsync("maintenance window");

        await Page.GetByLabel("Window start (cron)").FillAsync("0 0 3 1 1 ? 2099");
        await Page.GetByLabel("Window length (min)").FillAsync("30");
        await Page.GetByLabel("Time zone (empty: UTC)").FillAsync("Europe/Berlin");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start rollout" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(RolloutUrl());
        // A push brings the hold; the page's safety poll is every 15 s, so the deadline stays well above it in case a push is missed.
        await Expect(Page.GetByText("Holding: outside the maintenance window")).ToBeVisibleAsync(new() { Timeout = 45_000 });
        var id = Page.Url[(Page.Url.LastIndexOf('/') + 1)..];
        using var stored = await _fleet.Api.Http.GetAsync(new Uri($"/api/rollouts/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(imageId, (await HubHttpClient.ReadJsonAsync(stored)).GetProperty("firmwareImageId").GetInt64());

        var status = Page.GetByTestId("rollout-status");
        await Expect(status).ToHaveTextAsync("Running");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("Paused");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("Running");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Abort" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("Aborted");
        await Expect(Page.Locator("[data-testid=plug-state]", new() { HasText = "Cancelled" })).ToHaveCountAsync(2);
    }

    /// <summary>
    /// plugsim's web servers listen on ephemeral ports; a scan of them records each plug's endpoint, which push delivery
    /// needs, the way an owner's scan of the LAN would.
    /// </summary>
    private async Task FindPlugWebServersAsync()
    {
        // Adoption restarts each plug on its own account, and a restarted plugsim plug listens on a new port: scan after that.
        foreach (var id in _fleet.PlugIds.Values)
        {
            await Eventually.MatchAsync(async () =>
            {
                using var response = await _fleet.Api.Http.GetAsync(new Uri($"/api/plugs/{id}", UriKind.Relative));
                return (await HubHttpClient.ReadJsonAsync(response)).GetProperty("state");
            }, s => s.GetProperty("online").GetBoolean() && s.GetProperty("bootCount") is { ValueKind: JsonValueKind.Number } boots
                && boots.GetInt32() >= 2, TimeSpan.FromSeconds(30));
        }

        var ports = _fleet.Sim.Plugs.Values.Select(u => u.Port).ToArray();
        using var scan = await _fleet.Api.SendAsync(HttpMethod.Post, "/api/discovery/scan", new { range = "127.0.0.1", ports });
        Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
        await Eventually.MatchAsync(async () =>
        {
            using var response = await _fleet.Api.Http.GetAsync(new Uri("/api/plugs?status=Adopted", UriKind.Relative));
            return await HubHttpClient.ReadJsonAsync(response);
        }, page => page.GetProperty("items").EnumerateArray().All(p => p.GetProperty("online").GetBoolean()
            && p.GetProperty("firmwareBuild").ValueKind == JsonValueKind.String), TimeSpan.FromSeconds(30));
    }

    [GeneratedRegex("/rollouts/\\d+$")]
    private static partial Regex RolloutUrl();
}
