using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Web.Tests;

/// <summary>A device behind a plug edited on its plug page, and maintenance started elsewhere arriving there live.</summary>
[Collection(SharedFleet.Name)]
public sealed class PlugDeviceAndMaintenanceTests(ChromiumFixture chromium, FleetFixture fixture) : BrowserTest(chromium)
{
    private HubWithPlugs Fleet => fixture.Fleet;

    protected override Uri BaseAddress => Fleet.Hub.BaseAddress;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADeviceIsEditedOnThePlugPageWithTheApisRefusalShownBesideTheFormAndNothingTypedLost()
    {
        var id = Fleet.PlugIds["obk_000002"];
        var name = "router-" + Guid.NewGuid().ToString("N")[..8];
        var renamed = name + "-attic";
        var deviceId = await AddDeviceAsync(id, name);
        try
        {
            await SignInAsync($"/plugs/{id}", Fleet.AdminPassword);
            await Page.Locator($"tr[data-device={name}]").GetByRole(AriaRole.Button, new() { Name = $"Edit device {name}" }).ClickAsync();
            var edit = Page.GetByRole(AriaRole.Form, new() { Name = $"Edit device {name}" });
            await Expect(edit.GetByLabel("Host")).ToHaveValueAsync("127.0.0.1");
            await edit.GetByLabel("Device name").FillAsync(renamed);
            await edit.GetByLabel("Host").FillAsync("not a host!");
            await edit.GetByLabel("Relay").FillAsync("2");
            await edit.GetByLabel("Off for (s)").FillAsync("30");
            await edit.GetByRole(AriaRole.Button, new() { Name = "Save device" }).ClickAsync();

            await Expect(edit.GetByRole(AriaRole.Alert)).ToContainTextAsync("Give a host name or an IP address.");
            await Expect(edit.GetByLabel("Device name")).ToHaveValueAsync(renamed);
            await Expect(edit.GetByLabel("Host")).ToHaveValueAsync("not a host!");
            await Expect(edit.GetByLabel("Relay")).ToHaveValueAsync("2");
            await Expect(edit.GetByLabel("Off for (s)")).ToHaveValueAsync("30");
            Assert.Equal(name, (await DeviceAsync(deviceId)).GetProperty("name").GetString());

            await edit.GetByLabel("Host").FillAsync("localhost");
            await edit.GetByRole(AriaRole.Button, new() { Name = "Save device" }).ClickAsync();
            var row = Page.Locator($"tr[data-device={renamed}]");
            await Expect(row).ToContainTextAsync("localhost");
            await Expect(row).ToContainTextAsync("30 s");
            await Expect(edit).ToHaveCountAsync(0);
            var stored = await DeviceAsync(deviceId);
            Assert.Equal((renamed, "localhost", 2, 30, id), (stored.GetProperty("name").GetString(), stored.GetProperty("host").GetString(),
                stored.GetProperty("relayChannel").GetInt32(), stored.GetProperty("offSeconds").GetInt32(), stored.GetProperty("plugId").GetInt64()));
        }
        finally
        {
            using var _ = await Fleet.Api.SendAsync(HttpMethod.Delete, $"/api/watchdog/devices/{deviceId}");
        }
    }

    [Fact]
    public async Task AMaintenanceWindowStartedThroughTheApiAppearsOnAnOpenPlugPageAndGoesWhenEnded()
    {
        var id = Fleet.PlugIds["obk_000000"];
        var name = "nas-" + Guid.NewGuid().ToString("N")[..8];
        var note = "disk swap " + name;
        var deviceId = await AddDeviceAsync(id, name);
        long? windowId = null;
        try
        {
            await SignInAsync($"/plugs/{id}", Fleet.AdminPassword);
            // The page has its lists and its live connection before the window starts, so only a push can show it.
            await Expect(Page.Locator($"tr[data-device={name}]")).ToHaveCountAsync(1);
            await Expect(Page.Locator("main")).ToHaveAttributeAsync("data-live", "connected");
            await Page.EvaluateAsync("() => { window.sameDocument = true; }");

            using var started = await Fleet.Api.SendAsync(HttpMethod.Post, "/api/watchdog/maintenance",
                new { deviceId, until = TimeProvider.System.GetUtcNow().AddHours(1), note });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            windowId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
            var window = Page.GetByRole(AriaRole.List, new() { Name = "Maintenance windows" }).Locator("li", new() { HasText = note });
            await Expect(window).ToContainTextAsync($"{name} is in maintenance until");

            using var ended = await Fleet.Api.SendAsync(HttpMethod.Delete, $"/api/watchdog/maintenance/{windowId}");
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
            await Expect(window).ToHaveCountAsync(0);
            Assert.True(await Page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        }
        finally
        {
            if (windowId is { } w)
            {
                using var _ = await Fleet.Api.SendAsync(HttpMethod.Delete, $"/api/watchdog/maintenance/{w}");
            }

            using var __ = await Fleet.Api.SendAsync(HttpMethod.Delete, $"/api/watchdog/devices/{deviceId}");
        }
    }

    private async Task<long> AddDeviceAsync(long plugId, string name)
    {
        using var created = await Fleet.Api.SendAsync(HttpMethod.Post, "/api/watchdog/devices", new { name, plugId, host = "127.0.0.1" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
    }

    private async Task<JsonElement> DeviceAsync(long deviceId) =>
        (await Fleet.Api.Http.GetFromJsonAsync<JsonElement>("/api/watchdog/devices", Ct)).EnumerateArray()
            .Single(d => d.GetProperty("id").GetInt64() == deviceId);
}
