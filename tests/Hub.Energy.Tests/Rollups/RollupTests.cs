using Hub.Energy.Queries;
using Hub.Energy.Rollups;
using Hub.Energy.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Hub.Energy.Tests.EnergyHost;

namespace Hub.Energy.Tests.Rollups;

public sealed class RollupTests
{
    /// <summary>Keys from here on are real plugs'; below are the fleet's totals (plug 0).</summary>
    internal const long Plugs = 1L << 32;

    [Fact]
    public async Task MinuteEnergyAddsUpToTheHourDayAndMonthAndToTheCounterDifference()
    {
        var start = new DateTimeOffset(2026, 5, 4, 6, 0, 0, TimeSpan.Zero);
        await using var hub = await EnergyHost.StartAsync(new FakeTimeProvider(start.AddHours(4)));
        var readings = Counting(1, start, TimeSpan.FromSeconds(10), 3 * 360, i => 50 + (i * 7 % 900)).ToList();

        await hub.StoreAsync(readings);
        await hub.RollUpAsync();

        var minutes = await hub.DbAsync(db => db.MinuteRollups.SumAsync(r => r.EnergyMwh));
        var hours = await hub.DbAsync(db => db.HourRollups.Where(r => r.Key >= Plugs).ToListAsync());
        var day = await hub.DbAsync(db => db.DayRollups.SingleAsync(r => r.Key >= Plugs));
        var month = await hub.DbAsync(db => db.MonthRollups.SingleAsync(r => r.Key >= Plugs));
        var fleetDay = await hub.DbAsync(db => db.DayRollups.SingleAsync(r => r.Key < Plugs));
        var counterDifference = Units.ToMwh(readings[^1].EnergyCounterWh - readings[0].EnergyCounterWh);
        Assert.Equal(counterDifference, minutes);
        Assert.Equal(3, hours.Count);
        Assert.Equal(minutes, hours.Sum(h => h.EnergyMwh));
        Assert.Equal(minutes, day.EnergyMwh);
        Assert.Equal(minutes, month.EnergyMwh);
        Assert.Equal(minutes, fleetDay.EnergyMwh);
        Assert.Equal(3 * 360, day.Samples);
        Assert.Equal(500, day.MinPowerDw);
        Assert.Equal(9490, day.MaxPowerDw);
        Assert.Equal(180, day.OnlineMinutes);
    }

    [Theory]
    [InlineData(2026, 3, 29, 23)]
    [InlineData(2026, 10, 25, 25)]
    [InlineData(2026, 6, 1, 24)]
    public async Task ALocalDayAcrossADstChangeHasItsRealNumberOfHours(int year, int month, int dayOfMonth, int hours)
    {
        var day = new DateOnly(year, month, dayOfMonth);
        var time = new FakeTimeProvider(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(2));
        await using var hub = await EnergyHost.StartAsync(time);
        var calendar = hub.Host.Services.GetRequiredService<EnergyCalendar>();
        var from = calendar.DayStart(day).AddHours(-1);

        // A steady 120 W, one reading a minute, from an hour before the local day to an hour after it.
        await hub.StoreAsync(Counting(9, from, TimeSpan.FromMinutes(1), ((hours + 2) * 60) + 1, _ => 120));
        await hub.RollUpAsync();

        var series = await hub.QueryAsync(sp => sp.GetRequiredService<EnergyQueries>()
            .SeriesAsync(9, calendar.DayStart(day), calendar.DayStart(day.AddDays(1)), Resolution.Day, default)
            .ToListAsync().AsTask());
        var point = Assert.Single(series);
        var hourRows = await hub.DbAsync(db => db.HourRollups.CountAsync(r => r.Key >= Plugs));
        Assert.Equal(calendar.DayStart(day), point.At);
        Assert.Equal(120.0 * hours, point.EnergyWh, precision: 6);
        Assert.Equal(1.0, point.OnlineShare, precision: 6);
        Assert.Equal(hours + 3, hourRows);
    }

    [Fact]
    public async Task ReadingsArrivingLateForRolledUpMinutesAreRolledUpAgain()
    {
        var start = new DateTimeOffset(2026, 5, 4, 6, 0, 0, TimeSpan.Zero);
        await using var hub = await EnergyHost.StartAsync(new FakeTimeProvider(start.AddHours(1)));
        var readings = Counting(2, start, TimeSpan.FromSeconds(30), 20, _ => 600).ToList();

        await hub.StoreAsync(readings.Where((_, i) => i % 2 == 0));
        var first = await hub.RollUpAsync();
        await hub.StoreAsync(readings.Where((_, i) => i % 2 == 1));
        var second = await hub.RollUpAsync();
        var third = await hub.RollUpAsync();

        var hour = await hub.DbAsync(db => db.HourRollups.SingleAsync(r => r.Key >= Plugs));
        Assert.Equal(10, first);
        Assert.Equal(10, second);
        Assert.Equal(0, third);
        Assert.Equal(20, hour.Samples);
        Assert.Equal(Units.ToMwh(readings[^1].EnergyCounterWh - readings[0].EnergyCounterWh), hour.EnergyMwh);
    }

    [Fact]
    public async Task RetentionRemovesOldRawReadingsAndKeepsTheRollups()
    {
        var start = new DateTimeOffset(2026, 5, 4, 6, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start.AddMinutes(10));
        await using var hub = await EnergyHost.StartAsync(time);
        await hub.StoreAsync(Counting(3, start, TimeSpan.FromSeconds(10), 60, _ => 1000));
        await hub.RollUpAsync();

        time.Advance(TimeSpan.FromDays(34));
        var early = await hub.QueryAsync(sp => sp.GetRequiredService<RetentionService>().RunAsync(default));
        time.Advance(TimeSpan.FromDays(2));
        var removed = await hub.QueryAsync(sp => sp.GetRequiredService<RetentionService>().RunAsync(default));

        Assert.Equal(0, early);
        Assert.Equal(60, removed);
        Assert.Equal(0, await hub.DbAsync(db => db.Readings.CountAsync()));
        Assert.Equal(10, await hub.DbAsync(db => db.MinuteRollups.CountAsync()));
        Assert.Equal(1, await hub.DbAsync(db => db.DayRollups.CountAsync(r => r.Key >= Plugs)));
    }

    /// <summary>Readings of a plug at a given power, with the counter rising exactly by what that power delivers.</summary>
    internal static IEnumerable<Hub.Devices.Fleet.Events.ReadingReported> Counting(
        long plug, DateTimeOffset from, TimeSpan step, int count, Func<int, double> watts, double startWh = 1000)
    {
        var counter = startWh;
        for (var i = 0; i < count; i++)
        {
            var w = watts(i);
            if (i > 0)
            {
                counter += w * step.TotalHours;
            }

            yield return Reading(plug, from + (step * i), w: w, counterWh: Math.Round(counter, 3), v: 230, a: w / 230);
        }
    }
}
