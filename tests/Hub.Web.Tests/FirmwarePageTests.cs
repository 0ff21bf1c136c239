using Hub.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Web.Tests;

[Collection(SharedFleet.Name)]
public sealed class FirmwarePageTests(ChromiumFixture chromium, FleetFixture fixture) : BrowserTest(chromium)
{
    private const string FileName = "OpenBL602_1.18.1_OTA.bin.xz.ota";

    private HubWithPlugs Fleet => fixture.Fleet;

    protected override Uri BaseAddress => Fleet.Hub.BaseAddress;

    [Fact]
    public async Task AnUpstreamImageIsUploadedWithProgressRefusedTwiceWithTheReasonAndTrusted()
    {
        using var folder = new TempFolder("firmware-page");
        var image = folder.Combine(FileName);
        await File.WriteAllBytesAsync(image, OtaImages.Bl602Ota(OtaImages.Payload(400_000, seed: 7)), TestContext.Current.CancellationToken);
        var junk = folder.Combine("notes.txt");
        await File.WriteAllTextAsync(junk, "not a firmware image", TestContext.Current.CancellationToken);
        await SignInAsync("/firmware", Fleet.AdminPassword);
        var form = Page.GetByRole(AriaRole.Form, new() { Name = "Upload firmware" });
        var row = Page.Locator($"tr[data-file='{FileName}']");

        await UploadAsync(image);
        await Expect(row).ToContainTextAsync("Bl602Ota");
        await Expect(row).ToContainTextAsync("1.18.1");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("untrusted");
        await Expect(form).ToHaveAttributeAsync("data-progress", "100");

        await UploadAsync(image);
        await Expect(Page.GetByTestId("upload-error")).ToContainTextAsync("These bytes are already image");
        await UploadAsync(junk);
        await Expect(Page.GetByTestId("upload-error")).ToContainTextAsync("Nothing was stored");
        await Expect(row).ToHaveCountAsync(1);

        var id = await row.GetAttributeAsync("data-image");
        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Trust image {id}" }).ClickAsync();
        await Expect(row.Locator(".badge")).ToHaveTextAsync("trusted");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnotherUserSeesAnUntrustedImageWithoutATrustButton()
    {
        const string name = "OpenBL602_1.18.2_OTA.bin.xz.ota";
        using var user = await Fleet.Api.SendAsync(HttpMethod.Post, "/api/users", new { userName = "viewer", password = "viewer-password-1" });
        user.EnsureSuccessStatusCode();
        using var upload = await Fleet.Api.PostBytesAsync($"/api/firmware?name={name}", OtaImages.Bl602Ota(OtaImages.Payload(50_000, seed: 11)));
        upload.EnsureSuccessStatusCode();

        await SignInAsync("/firmware", "viewer-password-1", "viewer");
        var row = Page.Locator($"tr[data-file='{name}']");

        await Expect(row.Locator(".badge")).ToHaveTextAsync("untrusted");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        // The page learns who is admin after the list: wait until it knows, so the count above was not read too early.
        await Expect(Page.GetByTestId("user")).ToHaveTextAsync("viewer");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }

    private async Task UploadAsync(string path)
    {
        await Page.Locator("input[name=file]").SetInputFilesAsync(path);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
    }
}
