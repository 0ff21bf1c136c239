using System.Net;
using Hub.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Web.Tests;

[Collection(SharedFleet.Name)]
public sealed class SettingsPageTests(ChromiumFixture chromium, FleetFixture fixture) : BrowserTest(chromium)
{
    private HubWithPlugs Fleet => fixture.Fleet;

    protected override Uri BaseAddress => Fleet.Hub.BaseAddress;

    [Fact]
    public async Task AnApiTokenIsCreatedShownOnceWorksAndIsRevoked()
    {
        await SignInAsync("/settings", Fleet.AdminPassword);
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("ci-script");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var token = (await Page.GetByTestId("new-token").TextContentAsync())!.Trim();

        Assert.Equal(HttpStatusCode.OK, await MeWithTokenAsync(token));

        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Revoke ci-script" }).ClickAsync();

        await Expect(Page.Locator("[data-token=ci-script]")).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithTokenAsync(token));
    }

    [Fact]
    public async Task UsersTariffsAndTheBrokerAreShownAndManagedFromSettings()
    {
        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync(dialog.Type == DialogType.Prompt ? "operator-second-password" : null);
        await SignInAsync("/settings", Fleet.AdminPassword);
        await Expect(Page.GetByTestId("broker")).ToContainTextAsync($"127.0.0.1:{Fleet.Hub.BrokerPort}");

        var addUser = Page.GetByRole(AriaRole.Form, new() { Name = "Add user" });
        await addUser.GetByLabel("User name").FillAsync("operator");
        await addUser.GetByLabel("Password").FillAsync("operator-first-password");
        await addUser.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        var user = Page.Locator("tr[data-user=operator]");
        await Expect(user).ToHaveCountAsync(1);
        Assert.Equal(HttpStatusCode.OK, await LoginAsync("operator", "operator-first-password"));

        await user.GetByRole(AriaRole.Button, new() { Name = "Reset password of operator" }).ClickAsync();
        await Expect(Page.GetByText("Password of \"operator\" replaced")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.OK, await LoginAsync("operator", "operator-second-password"));
        await user.GetByRole(AriaRole.Button, new() { Name = "Delete operator" }).ClickAsync();
        await Expect(user).ToHaveCountAsync(0);
        Assert.NotEqual(HttpStatusCode.OK, await LoginAsync("operator", "operator-second-password"));

        var addTariff = Page.GetByRole(AriaRole.Form, new() { Name = "Add tariff" });
        await addTariff.GetByLabel("From").FillAsync("2020-01-01");
        await addTariff.GetByLabel("Price per kWh").FillAsync("0.25");
        await addTariff.GetByRole(AriaRole.Button, new() { Name = "Add tariff" }).ClickAsync();
        var tariff = Page.Locator("tr[data-tariff='2020-01-01']");
        await Expect(tariff).ToContainTextAsync("0.25 EUR/kWh, flat");
        await tariff.GetByRole(AriaRole.Button, new() { Name = "Delete tariff from 2020-01-01" }).ClickAsync();
        await Expect(tariff).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ATimeOfUseTariffIsMadeInTheFormAndABadPeriodShowsTheApisReason()
    {
        var ct = TestContext.Current.CancellationToken;
        try
        {
            await SignInAsync("/settings", Fleet.AdminPassword);
            var form = Page.GetByRole(AriaRole.Form, new() { Name = "Add tariff" });
            ILocator Period(int n) => form.GetByRole(AriaRole.Group, new() { Name = $"Period {n}", Exact = true });
            await form.GetByLabel("From").FillAsync("2021-03-01");
            await form.GetByLabel("Daily fee").FillAsync("0.5");

            await Period(1).GetByRole(AriaRole.Checkbox, new() { Name = "Sat" }).UncheckAsync();
            await Period(1).GetByRole(AriaRole.Checkbox, new() { Name = "Sun" }).UncheckAsync();
            await Period(1).GetByLabel("Ends").FillAsync("07:00");
            await Period(1).GetByLabel("Price per kWh").FillAsync("0.1");
            await form.GetByRole(AriaRole.Button, new() { Name = "Add period" }).ClickAsync();
            await Expect(Period(2).GetByLabel("Starts")).ToHaveValueAsync("07:00");
            await Expect(Period(2).GetByRole(AriaRole.Checkbox, new() { Name = "Sat" })).Not.ToBeCheckedAsync();
            await Period(2).GetByLabel("Starts").FillAsync("08:00");
            await Period(2).GetByLabel("Price per kWh").FillAsync("0.3");
            await form.GetByRole(AriaRole.Button, new() { Name = "Add period" }).ClickAsync();
            foreach (var day in new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" })
            {
                await Period(3).GetByRole(AriaRole.Checkbox, new() { Name = day }).SetCheckedAsync(day is "Sat" or "Sun");
            }

            await Period(3).GetByLabel("Starts").FillAsync("00:00");
            await Period(3).GetByLabel("Price per kWh").FillAsync("0.15");
            await form.GetByRole(AriaRole.Button, new() { Name = "Add tariff" }).ClickAsync();
            await Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync("gap or an overlap at minute 420");
            await Expect(Period(3).GetByLabel("Price per kWh")).ToHaveValueAsync("0.15");
            Assert.DoesNotContain((await TariffsAsync()).EnumerateArray(), t => t.GetProperty("validFrom").GetString() == "2021-03-01");

            await Period(2).GetByLabel("Starts").FillAsync("07:00");
            await form.GetByRole(AriaRole.Button, new() { Name = "Add tariff" }).ClickAsync();
            var row = Page.Locator("tr[data-tariff='2021-03-01']");
            await Expect(row).ToContainTextAsync("3 time-of-use periods, 0.1–0.3 EUR/kWh");
            await Expect(form.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
            await Expect(Period(2)).ToHaveCountAsync(0);

            var stored = Assert.Single((await TariffsAsync()).EnumerateArray(), t => t.GetProperty("validFrom").GetString() == "2021-03-01");
            Assert.Equal(0.5m, stored.GetProperty("dailyFee").GetDecimal());
            var periods = stored.GetProperty("periods").EnumerateArray()
                .Select(p => (p.GetProperty("weekdays").GetInt32(), p.GetProperty("startMinute").GetInt32(), p.GetProperty("endMinute").GetInt32(),
                    p.GetProperty("pricePerKwh").GetDecimal()))
                .ToList();
            Assert.Equal([(31, 0, 420, 0.1m), (31, 420, 1440, 0.3m), (96, 0, 1440, 0.15m)], periods);
        }
        finally
        {
            // Other tests of the shared hub show costs: leave no tariff behind.
            foreach (var t in (await TariffsAsync()).EnumerateArray().Where(t => t.GetProperty("validFrom").GetString() == "2021-03-01"))
            {
                using var _ = await Fleet.Api.SendAsync(HttpMethod.Delete, $"/api/energy/tariffs/{t.GetProperty("id").GetInt64()}");
            }
        }

        Task<System.Text.Json.JsonElement> TariffsAsync() =>
            System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(Fleet.Api.Http, "/api/energy/tariffs", ct);
    }

    private async Task<HttpStatusCode> LoginAsync(string user, string password)
    {
        using var client = new HubHttpClient(new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = Fleet.Hub.BaseAddress });
        using var login = await client.LoginAsync(user, password);
        return login.StatusCode;
    }

    private async Task<HttpStatusCode> MeWithTokenAsync(string token)
    {
        using var request = HubHttpClient.WithToken(HttpMethod.Get, "/api/auth/me", token);
        using var response = await Fleet.Api.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
