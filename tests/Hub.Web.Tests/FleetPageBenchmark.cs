using System.Globalization;
using System.Text.Json;
using Hub.Testing;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>
/// The fleet page with 1,000 plugsim plugs each reporting every second: time to the first full render and the share of
/// the page's main thread that is busy under that update load. Explicit: it runs only when asked (docs/benchmarks.md
/// has the command) and prints its numbers; it takes about two minutes.
/// </summary>
public sealed class FleetPageBenchmark(ChromiumFixture chromium) : BrowserTest(chromium), IAsyncLifetime
{
    private const int Plugs = 1000;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);
    private HubWithPlugs _fleet = null!;

    protected override Uri BaseAddress => _fleet.Hub.BaseAddress;

    public override async ValueTask InitializeAsync()
    {
        _fleet = await HubWithPlugs.StartWithoutWaitingAsync(Plugs);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _fleet.DisposeAsync();
    }

    [Fact(Explicit = true)]
    public async Task FirstRenderAndMainThreadShareWithAThousandPlugsUpdatingEverySecond()
    {
        // Bounded: the hub's discovery decides how many of the plugs are in the fleet when the measurement starts.
        var registered = await RegisteredAsync(TimeSpan.FromSeconds(240));
        // The plugs are pending (adopting a thousand is not what is measured), so the page shows every status.
        await SignInAsync("/?status=All", _fleet.AdminPassword);
        var renders = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await Page.ReloadAsync();
            await Page.WaitForFunctionAsync("() => performance.getEntriesByName('hub:fleet-rendered').length > 0");
            renders.Add(await Page.EvaluateAsync<double>("() => performance.getEntriesByName('hub:fleet-rendered')[0].startTime"));
        }

        var rows = await Page.GetByTestId("fleet-count").TextContentAsync();
        await Assertions.Expect(Page.Locator("main")).ToHaveAttributeAsync("data-live", "connected");
        var cdp = await Page.Context.NewCDPSessionAsync(Page);
        await cdp.SendAsync("Performance.enable");
        var (busy0, wall0) = await MetricsAsync(cdp);
        var live0 = await Page.EvaluateAsync<JsonElement>("() => ({ ...window.hubLiveStats })");
        // The measurement window itself: the page is left alone while the plugs report.
        await Task.Delay(Window, TestContext.Current.CancellationToken);
        var (busy1, wall1) = await MetricsAsync(cdp);
        var live1 = await Page.EvaluateAsync<JsonElement>("() => ({ ...window.hubLiveStats })");

        var seconds = wall1 - wall0;
        var share = (busy1 - busy0) / seconds;
        var messages = (live1.GetProperty("messages").GetInt32() - live0.GetProperty("messages").GetInt32()) / seconds;
        var updates = (live1.GetProperty("updates").GetInt32() - live0.GetProperty("updates").GetInt32()) / seconds;
        renders.Sort();
        var report = string.Create(CultureInfo.InvariantCulture,
            $"plugsim={Plugs} registered={registered} rows=\"{rows}\" firstRenderMs(median of 3)={renders[1]:F0} all={string.Join('/', renders.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))} " +
            $"mainThreadBusy={share:P1} liveMessagesPerS={messages:F2} plugUpdatesPerS={updates:F0} window={seconds:F1}s");
        TestContext.Current.SendDiagnosticMessage(report);
        Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "test-results"));
        await File.WriteAllTextAsync(Path.Combine(RepoPaths.Root, "test-results", "dashboard-benchmark.txt"), report + "\n",
            TestContext.Current.CancellationToken);
        Assert.True(updates > 0, report);
    }

    private async Task<int> RegisteredAsync(TimeSpan limit)
    {
        try
        {
            return (await Eventually.MatchAsync(() => _fleet.ListAsync("?pageSize=1000"), l => l.Count == Plugs, limit)).Count;
        }
        catch (TimeoutException)
        {
            return (await _fleet.ListAsync("?pageSize=1000")).Count;
        }
    }

    private static async Task<(double Busy, double Wall)> MetricsAsync(ICDPSession cdp)
    {
        var result = await cdp.SendAsync("Performance.getMetrics");
        var metrics = result!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
        return (metrics["TaskDuration"], metrics["Timestamp"]);
    }
}
