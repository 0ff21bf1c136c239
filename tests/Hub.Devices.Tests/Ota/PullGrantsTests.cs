using Hub.Devices.Fleet;
using Hub.Devices.Ota.Delivery;
using Hub.Devices.Ota.Library;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hub.Devices.Tests.Ota;

/// <summary>Pull links on the devices module's database, with the clock in the test's hand; a new instance is a restarted hub.</summary>
public sealed class PullGrantsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private DevicesHost _host = null!;
    private FirmwareImage _image = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await DevicesHost.StartAsync();
        _image = new FirmwareImage { Sha256 = new string('a', 64), ChipFamily = "BL602", Version = "1.30.0", SizeBytes = 1000, Trusted = true };
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        db.FirmwareImages.Add(_image);
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ALinkIsValidUntilItsLifetimeEndsAlsoForARestartedHub()
    {
        var grants = Grants();
        var issued = await grants.IssueAsync(7, _image, null, 0, TimeSpan.Zero, Ct);

        _time.Advance(TimeSpan.FromMinutes(9));
        var before = await grants.FindAsync(issued.Token, Ct);
        var beforeRestarted = await Grants().FindAsync(issued.Token, Ct);
        _time.Advance(TimeSpan.FromMinutes(1));
        var after = await grants.FindAsync(issued.Token, Ct);
        var afterRestarted = await Grants().FindAsync(issued.Token, Ct);

        Assert.Equal((PullRefusal.None, 7L), (before.Refusal, before.Grant!.PlugId));
        Assert.Equal(PullRefusal.None, beforeRestarted.Refusal);
        Assert.Equal(PullRefusal.Expired, after.Refusal);
        Assert.Equal(PullRefusal.Expired, afterRestarted.Refusal);
        Assert.Equal(PullRefusal.Unknown, (await grants.FindAsync("AAAAAAAAAAAAAAAAAAAAAA", Ct)).Refusal);
        Assert.Equal(22, issued.Token.Length);
    }

    [Fact]
    public async Task AByHandLinkIsSpentByTheDownloadThatSentTheLastByteARolloutsOnlyWhenItsAttemptCloses()
    {
        var grants = Grants();
        var byHand = await grants.IssueAsync(7, _image, null, 0, TimeSpan.Zero, Ct);
        var rollout = await grants.IssueAsync(8, _image, rolloutPlugId: 5, attempt: 1, TimeSpan.FromHours(1), Ct);

        grants.EndRequest(byHand.Grant.Id, _image.SizeBytes, ranged: false, lastByteSent: true);
        grants.EndRequest(rollout.Grant.Id, _image.SizeBytes, ranged: false, lastByteSent: true);
        var spent = await grants.FindAsync(byHand.Token, Ct);
        var open = await grants.FindAsync(rollout.Token, Ct);
        var progress = await grants.ProgressAsync(rollout.Grant.Id, Ct);
        var found = await grants.OpenForAttemptAsync(5, 1, Ct);
        await grants.SpendAsync(rollout.Grant.Id, Ct);

        Assert.Equal(PullRefusal.Spent, spent.Refusal);
        Assert.Equal(PullRefusal.None, open.Refusal);
        Assert.Equal((_image.SizeBytes, true), progress);
        Assert.Equal(rollout.Grant.Id, found?.Id);
        Assert.Equal(PullRefusal.Spent, (await grants.FindAsync(rollout.Token, Ct)).Refusal);
        Assert.Null(await grants.OpenForAttemptAsync(5, 1, Ct));
        // The plug timeout outlasts the 10-minute lifetime: the link lives as long as the attempt may.
        Assert.Equal(_time.GetUtcNow().AddHours(1), rollout.Grant.ExpiresAt);
    }

    [Fact]
    public async Task DownloadCountsAreWrittenBehindAndAllOfThemAreStoredWhenTheHubStops()
    {
        var grants = Grants();
        await grants.StartAsync(Ct);
        var issued = await grants.IssueAsync(7, _image, rolloutPlugId: 9, attempt: 1, TimeSpan.Zero, Ct);

        grants.Served(issued.Grant.Id, 400);
        var live = await grants.ProgressAsync(issued.Grant.Id, Ct);
        grants.EndRequest(issued.Grant.Id, 400, ranged: false, lastByteSent: false);
        grants.EndRequest(issued.Grant.Id, _image.SizeBytes, ranged: true, lastByteSent: true);
        await grants.StopAsync(Ct);
        await using var scope = _host.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<DevicesDb>().PullGrants.AsNoTracking().SingleAsync(g => g.Id == issued.Grant.Id, Ct);

        Assert.Equal((400L, false), live);
        Assert.Equal((2, 1, _image.SizeBytes), (row.Requests, row.RangeRequests, row.BytesServed));
        Assert.NotNull(row.CompletedAt);
        Assert.Null(row.SpentAt);
        Assert.NotEqual(issued.Token, row.TokenHash);
    }

    [Fact]
    public async Task AGrantThisHubDoesNotServeIsReadFromItsRowAtMostEveryFiveSecondsAndFromTheCacheOnceItServesIt()
    {
        var issued = await Grants().IssueAsync(7, _image, rolloutPlugId: 9, attempt: 1, TimeSpan.Zero, Ct);
        var restarted = Grants();

        var first = await restarted.ProgressAsync(issued.Grant.Id, Ct);
        // Another writer (the previous run's last flush, or another hub machine) moves the row on.
        await SetRowAsync(issued.Grant.Id, 400, completed: false);
        var withinFiveSeconds = await restarted.ProgressAsync(issued.Grant.Id, Ct);
        _time.Advance(PullGrants.RowReadEvery);
        var afterFiveSeconds = await restarted.ProgressAsync(issued.Grant.Id, Ct);
        await restarted.FindAsync(issued.Token, Ct);
        restarted.Served(issued.Grant.Id, 600);
        var servedHere = await restarted.ProgressAsync(issued.Grant.Id, Ct);

        Assert.Equal((0L, false), first);
        Assert.Equal((0L, false), withinFiveSeconds);
        Assert.Equal((400L, false), afterFiveSeconds);
        Assert.Equal((600L, false), servedHere);
    }

    private async Task SetRowAsync(long grantId, long bytes, bool completed)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var completedAt = completed ? _time.GetUtcNow() : (DateTimeOffset?)null;
        await scope.ServiceProvider.GetRequiredService<DevicesDb>().PullGrants.Where(g => g.Id == grantId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.BytesServed, bytes).SetProperty(g => g.CompletedAt, completedAt), Ct);
    }

    private PullGrants Grants() => new(_host.Services.GetRequiredService<IServiceScopeFactory>(), _host.Services.GetRequiredService<FirmwareLibrary>(),
        Options.Create(new PullOptions { TokenLifetimeMinutes = 10 }), _time, NullLogger<PullGrants>.Instance);
}
