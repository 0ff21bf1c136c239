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
        await Page.GetByLabel("Name").FillAsync("ci-script");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var token = (await Page.GetByTestId("new-token").TextContentAsync())!.Trim();

        Assert.Equal(HttpStatusCode.OK, await MeWithTokenAsync(token));

        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Revoke ci-script" }).ClickAsync();

        await Expect(Page.Locator("[data-token=ci-script]")).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithTokenAsync(token));
    }

    private async Task<HttpStatusCode> MeWithTokenAsync(string token)
    {
        using var request = HubHttpClient.WithToken(HttpMethod.Get, "/api/auth/me", token);
        using var response = await Fleet.Api.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
