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
