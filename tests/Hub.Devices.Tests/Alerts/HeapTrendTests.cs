using Hub.Devices.Alerts.Rules;
using Microsoft.Extensions.Time.Testing;

namespace Hub.Devices.Tests.Alerts;

public sealed class HeapTrendTests
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(6);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ASteadyFallIsALeakWithTheTimeLeftUntilTheFloor()
    {
        var trend = new HeapTrend();
        for (var minute = 0; minute <= 120; minute += 5)
        {
            // 100 kB falling 6 kB an hour, with allocation noise of a few hundred bytes.
            trend.Add(_time.GetUtcNow(), 100_000 - (minute * 100) + (minute % 3 * 150), Window);
            _time.Advance(TimeSpan.FromMinutes(5));
        }

        var verdict = Evaluate(trend);

        Assert.NotNull(verdict);
        Assert.True(verdict.Leaking);
        Assert.InRange(verdict.BytesPerHour, -6_500, -5_500);
        Assert.InRange(verdict.TimeLeft.TotalHours, 10, 12);
    }

    [Fact]
    public void NoiseAroundAFlatLevelIsNotALeak()
    {
        var trend = new HeapTrend();
        for (var i = 0; i < 30; i++)
        {
            trend.Add(_time.GetUtcNow(), 80_000 + (i % 2 == 0 ? 3_000 : -3_000), Window);
            _time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.False(Evaluate(trend)!.Leaking);
    }

    [Fact]
    public void TooShortAHistorySaysNothing()
    {
        var trend = new HeapTrend();
        for (var i = 0; i < 20; i++)
        {
            trend.Add(_time.GetUtcNow(), 80_000 - (i * 1_000), Window);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Null(Evaluate(trend));
    }

    private static HeapVerdict? Evaluate(HeapTrend trend) =>
        trend.Evaluate(minSamples: 12, minSpan: TimeSpan.FromHours(1), minLeakBytesPerHour: 2048, floorBytes: 16384,
            horizon: TimeSpan.FromHours(48));
}
