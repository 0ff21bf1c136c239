using Hub.Energy.Queries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hub.Energy.Tests.Queries;

public sealed class EnergyQueriesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 7, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, Resolution.Raw)]
    [InlineData(24, Resolution.Minute)]
    [InlineData(24 * 20, Resolution.Minute)]
    [InlineData(24 * 31, Resolution.Hour)]
    [InlineData(24 * 365, Resolution.Hour)]
    [InlineData(24 * 365 * 3, Resolution.Day)]
    public async Task AutomaticResolutionIsTheCoarsestGivingAtLeastFiveHundredPoints(int hours, Resolution expected)
    {
        await using var hub = await EnergyHost.StartAsync(new FakeTimeProvider(Now));
        var queries = hub.Host.Services.CreateScope().ServiceProvider.GetRequiredService<EnergyQueries>();

        Assert.Equal(expected, queries.Choose(Now.AddHours(-hours), Now));
    }

    [Fact]
    public async Task ShortRangesOlderThanRawRetentionFallBackToMinutesAndThenHours()
    {
        await using var hub = await EnergyHost.StartAsync(new FakeTimeProvider(Now));
        var queries = hub.Host.Services.CreateScope().ServiceProvider.GetRequiredService<EnergyQueries>();

        Assert.Equal(Resolution.Minute, queries.Choose(Now.AddDays(-100), Now.AddDays(-100).AddHours(1)));
        Assert.Equal(Resolution.Hour, queries.Choose(Now.AddYears(-3), Now.AddYears(-3).AddHours(1)));
    }
}
