using Hub.Testing;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>A fresh browser context (no cookies) per test, and a screenshot under test-results/ when the test fails.</summary>
public abstract class BrowserTest(ChromiumFixture chromium) : IAsyncLifetime
{
    private IBrowserContext? _context;

    protected IPage Page { get; private set; } = null!;

    protected abstract Uri BaseAddress { get; }

    public virtual async ValueTask InitializeAsync()
    {
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        Page = await _context.NewPageAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_context is null)
        {
            return;
        }

        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            var name = TestContext.Current.Test?.TestDisplayName.Split('.').Last() ?? "test";
            var folder = Path.Combine(RepoPaths.Root, "test-results", "screenshots");
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }

        await _context.CloseAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens a dashboard path without a session, lands on the sign-in page, signs in and comes back to the path.</summary>
    protected async Task SignInAsync(string path, string password, string user = "admin")
    {
        await Page.GotoAsync(path);
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?ReturnUrl="));
        await Page.Locator("#username").FillAsync(user);
        await Page.Locator("#password").FillAsync(password);
        await Page.Locator("#submit").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(BaseAddress.ToString().TrimEnd('/') + path);
        await Assertions.Expect(Page.GetByTestId("user")).ToHaveTextAsync(user);
    }
}
