using Hub.Devices.Ota.Delivery;
using Hub.Devices.Ota.Library;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hub.Devices.Tests.Ota;

public sealed class PullGrantsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private static readonly FirmwareImage Image = new()
    {
        Id = 3, Sha256 = new string('a', 64), ChipFamily = "BL602", Version = "1.30.0", SizeBytes = 1000, UploadedBy = "test",
    };

    private PullGrants Grants() => new(Options.Create(new PullOptions { TokenLifetimeMinutes = 10 }), _time);

    [Fact]
    public void AGrantIsValidUntilItsLifetimeEnds()
    {
        var grants = Grants();
        var grant = grants.Issue(7, Image, "/tmp/fw");

        _time.Advance(TimeSpan.FromMinutes(9));
        var before = grants.Find(grant.Token);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(grant, before);
        Assert.Null(grants.Find(grant.Token));
        Assert.Equal(_time.GetUtcNow(), grant.ExpiresAt);
    }

    [Fact]
    public void ASpentTokenIsGoneAndOtherPlugsKeepTheirs()
    {
        var grants = Grants();
        var first = grants.Issue(7, Image, "/tmp/fw");
        var second = grants.Issue(8, Image, "/tmp/fw");

        grants.Spend(first.Token);

        Assert.Null(grants.Find(first.Token));
        Assert.Equal(8, grants.Find(second.Token)?.PlugId);
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(22, first.Token.Length);
        Assert.Null(grants.Find("not-a-token"));
    }
}
