using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Hub.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Web.Tests;

/// <summary>Devices, probes and maintenance set up from the plug page the way an owner does it, checked through the API.</summary>
[Collection(SharedFleet.Name)]
public sealed class PlugWatchdogEditingTests(ChromiumFixture chromium, FleetFixture fixture) : BrowserTest(chromium)
{
    // The hub's probe runs and the pushes behind them are slow on a loaded two-core machine.
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 60_000 };

    private HubWithPlugs Fleet => fixture.Fleet;

    protected override Uri BaseAddress => Fleet.Hub.BaseAddress;

    [Fact]
    public async Task AProbeOfADeviceAddedOnThePlugPageReportsItsListenerLiveAndIsEditedPausedAndDeleted()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = Fleet.PlugIds["obk_000001"];
        var name = "modem-" + Guid.NewGuid().ToString("N")[..8];
        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var listener = new TcpListener(IPAddress.Loopback, FreePort.Next());
        listener.Start();
        var accepting = AcceptAllAsync(listener);
        try
        {
            await SignInAsync($"/plugs/{id}", Fleet.AdminPassword);
            var addDevice = Page.GetByRole(AriaRole.Form, new() { Name = "Add device" });
            await addDevice.GetByLabel("Device name").FillAsync(name);
            await addDevice.GetByLabel("Host").FillAsync("not a host!");
            await addDevice.GetByRole(AriaRole.Button, new() { Name = "Add device" }).ClickAsync();
            await Expect(addDevice.GetByRole(AriaRole.Alert)).ToContainTextAsync("Give a host name or an IP address.");
            await Expect(addDevice.GetByLabel("Device name")).ToHaveValueAsync(name);
            await addDevice.GetByLabel("Host").FillAsync("127.0.0.1");
            await addDevice.GetByRole(AriaRole.Button, new() { Name = "Add device" }).ClickAsync();
            var deviceRow = Page.Locator($"tr[data-device={name}]");
            await Expect(deviceRow).ToContainTextAsync("127.0.0.1", new() { Timeout = 30_000 });
            await Expect(addDevice.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
            // From here on the page must not reload: every change arrives in this same document.
            await Page.EvaluateAsync("() => { window.sameDocument = true; }");

            var addProbe = Page.GetByRole(AriaRole.Form, new() { Name = "Add probe" });
            await addProbe.GetByLabel("Target").SelectOptionAsync(new SelectOptionValue { Label = $"{name} (127.0.0.1)" });
            await addProbe.GetByLabel("Check").SelectOptionAsync(new SelectOptionValue { Label = "TCP connect" });
            await addProbe.GetByLabel("Port").FillAsync("70000");
            await addProbe.GetByLabel("Every (s)", new() { Exact = true }).FillAsync("1");
            await addProbe.GetByLabel("While down, every (s)").FillAsync("1");
            await addProbe.GetByLabel("Timeout (s)").FillAsync("2");
            await addProbe.GetByLabel("Down after failures").FillAsync("1");
            await addProbe.GetByLabel("Out of the last").FillAsync("1");
            await addProbe.GetByRole(AriaRole.Button, new() { Name = "Add probe" }).ClickAsync();
            await Expect(addProbe.GetByRole(AriaRole.Alert)).ToContainTextAsync("65535");
            await Expect(addProbe.GetByLabel("Timeout (s)")).ToHaveValueAsync("2");
            Assert.Empty(await ProbesOfAsync(name));

            await addProbe.GetByLabel("Port").FillAsync(((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await addProbe.GetByRole(AriaRole.Button, new() { Name = "Add probe" }).ClickAsync();
            var probeRow = Page.Locator("table.probes tbody tr", new() { HasText = name });
            await Expect(probeRow.GetByTestId("probe-state")).ToHaveTextAsync("up", Slow);
            await Expect(deviceRow.GetByTestId("target-state")).ToHaveTextAsync("up");

            listener.Stop();
            await Expect(probeRow.GetByTestId("probe-state")).ToHaveTextAsync("down", Slow);
            await Expect(deviceRow.GetByTestId("target-state")).ToHaveTextAsync("down");
            var stored = Assert.Single(await ProbesOfAsync(name));
            Assert.Equal(("Tcp", 1, 1, 1), (stored.GetProperty("kind").GetString(), stored.GetProperty("intervalSeconds").GetInt32(),
                stored.GetProperty("failuresToTrip").GetInt32(), stored.GetProperty("window").GetInt32()));

            await probeRow.GetByRole(AriaRole.Button, new() { Name = "Edit probe" }).ClickAsync();
            var edit = Page.GetByRole(AriaRole.Form, new() { Name = "Edit probe" });
            await Expect(edit.GetByLabel("Port")).ToHaveValueAsync(stored.GetProperty("port").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            await edit.GetByLabel("Every (s)", new() { Exact = true }).FillAsync("45");
            await edit.GetByRole(AriaRole.Button, new() { Name = "Save probe" }).ClickAsync();
            await Expect(probeRow).ToContainTextAsync("45 s");
            await Expect(edit).ToHaveCountAsync(0);
            Assert.Equal(45, Assert.Single(await ProbesOfAsync(name)).GetProperty("intervalSeconds").GetInt32());

            var maintenance = Page.GetByRole(AriaRole.Form, new() { Name = "Start maintenance" });
            await maintenance.GetByLabel("In maintenance").SelectOptionAsync(new SelectOptionValue { Label = name });
            await maintenance.GetByLabel("Until").FillAsync("2099-01-01T12:00");
            await maintenance.GetByLabel("Note").FillAsync("swapping the modem");
            await maintenance.GetByRole(AriaRole.Button, new() { Name = "Start maintenance" }).ClickAsync();
            var window = Page.GetByRole(AriaRole.List, new() { Name = "Maintenance windows" }).Locator("li", new() { HasText = name });
            await Expect(window).ToContainTextAsync("swapping the modem");
            var stopped = Assert.Single((await GetAsync("/api/watchdog/maintenance")).EnumerateArray(), w => w.GetProperty("note").GetString() == "swapping the modem");
            Assert.Equal(2099, stopped.GetProperty("until").GetDateTimeOffset().Year);
            await window.GetByRole(AriaRole.Button, new() { Name = $"End maintenance of {name}" }).ClickAsync();
            await Expect(window).ToHaveCountAsync(0);
            Assert.DoesNotContain((await GetAsync("/api/watchdog/maintenance")).EnumerateArray(), w => w.GetProperty("note").GetString() == "swapping the modem");

            await probeRow.GetByRole(AriaRole.Button, new() { Name = "Delete probe" }).ClickAsync();
            await Expect(probeRow).ToHaveCountAsync(0);
            Assert.Empty(await ProbesOfAsync(name));
            await deviceRow.GetByRole(AriaRole.Button, new() { Name = $"Delete device {name}" }).ClickAsync();
            await Expect(deviceRow).ToHaveCountAsync(0);
            Assert.DoesNotContain((await GetAsync("/api/watchdog/devices")).EnumerateArray(), d => d.GetProperty("name").GetString() == name);
            Assert.True(await Page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        }
        finally
        {
            listener.Stop();
            await accepting;
            // A failed run leaves no device (and with it no probe) for the other tests of the shared fleet.
            foreach (var d in (await GetAsync("/api/watchdog/devices")).EnumerateArray().Where(d => d.GetProperty("name").GetString() == name))
            {
                using var _ = await Fleet.Api.SendAsync(HttpMethod.Delete, $"/api/watchdog/devices/{d.GetProperty("id").GetInt64()}");
            }
        }

        async Task<List<JsonElement>> ProbesOfAsync(string device)
        {
            var deviceId = (await GetAsync("/api/watchdog/devices")).EnumerateArray()
                .Where(d => d.GetProperty("name").GetString() == device).Select(d => d.GetProperty("id").GetInt64()).Single();
            return [.. (await GetAsync("/api/watchdog/probes")).EnumerateArray()
                .Where(p => p.GetProperty("deviceId").ValueKind == JsonValueKind.Number && p.GetProperty("deviceId").GetInt64() == deviceId)];
        }

        Task<JsonElement> GetAsync(string path) => Fleet.Api.Http.GetFromJsonAsync<JsonElement>(path, ct);
    }

    /// <summary>Accepts and closes every connection, so the probe's connects never fill the backlog; ends when stopped.</summary>
    private static async Task AcceptAllAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped.
        }
    }
}
