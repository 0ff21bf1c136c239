using Hub.Energy.Queries;
using Hub.Energy.Rollups;
using Hub.Energy.Tariffs;
using Hub.Energy.Tests.Rollups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hub.Energy.Tests.Tariffs;

public sealed class TariffCostTests
{
    private const int Weekdays = 0b0011111;
    private const int Weekend = 0b1100000;

    [Fact]
    public async Task TimeOfUsePricesApplyByLocalHourAndWeekdayAndANewTariffTakesOverOnItsDate()
    {
        await using var hub = await EnergyHost.StartAsync(new FakeTimeProvider(new DateTimeOffset(2026, 5, 7, 12, 0, 0, TimeSpan.Zero)));
        var calendar = hub.Host.Services.GetRequiredService<EnergyCalendar>();
        await AddTariffsAsync(hub);

        // One kWh in each local hour: Monday 06-07 (night price) and 07-08 (day price), Saturday 10-11, Wednesday 10-11.
        await hub.StoreAsync(Hour(calendar, new DateOnly(2026, 5, 2), 10, hours: 1, counterWh: 1000));
        await hub.StoreAsync(Hour(calendar, new DateOnly(2026, 5, 4), 6, hours: 2, counterWh: 2000));
        await hub.StoreAsync(Hour(calendar, new DateOnly(2026, 5, 6), 10, hours: 1, counterWh: 4000));
        await hub.RollUpAsync();

        var totals = await TotalsAsync(hub, 1, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 8), TotalPeriod.Day);
        var flatOnly = await TotalsAsync(hub, 1, new DateOnly(2026, 5, 6), new DateOnly(2026, 5, 8), TotalPeriod.Day);
        var fleetDays = await TotalsAsync(hub, null, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 8), TotalPeriod.Day);
        var fleetMonth = await TotalsAsync(hub, null, new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 1), TotalPeriod.Month);

        Assert.Equal(
            [(new DateOnly(2026, 5, 2), 1.0, 0.15m), (new DateOnly(2026, 5, 4), 2.0, 0.40m), (new DateOnly(2026, 5, 6), 1.0, 0.40m)],
            totals.Select(t => (t.Period, Math.Round(t.EnergyKwh, 6), t.Cost!.Value)));
        Assert.Equal(0.40m, Assert.Single(flatOnly).Cost);
        Assert.Equal(7, fleetDays.Count);
        Assert.Equal(0.90m, fleetDays.Single(d => d.Period == new DateOnly(2026, 5, 6)).Cost);
        Assert.Equal(0.50m, fleetDays.Single(d => d.Period == new DateOnly(2026, 5, 7)).Cost);
        var month = Assert.Single(fleetMonth);
        Assert.Equal(1.95m, month.Cost);
        Assert.Equal("EUR", month.Currency);
    }

    private static async Task AddTariffsAsync(EnergyHost hub) => await hub.DbAsync(async db =>
    {
        db.Tariffs.Add(new Tariff
        {
            ValidFrom = new DateOnly(2026, 5, 1),
            Currency = "EUR",
            Periods =
            [
                new() { Weekdays = Weekdays, StartMinute = 0, EndMinute = 7 * 60, PricePerKwh = 0.10m },
                new() { Weekdays = Weekdays, StartMinute = 7 * 60, EndMinute = 22 * 60, PricePerKwh = 0.30m },
                new() { Weekdays = Weekdays, StartMinute = 22 * 60, EndMinute = 24 * 60, PricePerKwh = 0.10m },
                new() { Weekdays = Weekend, StartMinute = 0, EndMinute = 24 * 60, PricePerKwh = 0.15m },
            ],
        });
        db.Tariffs.Add(new Tariff
        {
            ValidFrom = new DateOnly(2026, 5, 6),
            Currency = "EUR",
            DailyFee = 0.5m,
            Periods = [new() { PricePerKwh = 0.40m }],
        });
        return await db.SaveChangesAsync();
    });

    /// <summary>1 kW for whole local hours: the first reading a minute before, so each hour gets sixty deltas.</summary>
    private static IEnumerable<Hub.Devices.Fleet.Events.ReadingReported> Hour(
        EnergyCalendar calendar, DateOnly day, int hour, int hours, double counterWh) =>
        RollupTests.Counting(1, calendar.DayStart(day).AddHours(hour).AddMinutes(-1), TimeSpan.FromMinutes(1),
            (hours * 60) + 1, _ => 1000, counterWh);

    private static Task<List<EnergyTotal>> TotalsAsync(EnergyHost hub, long? plug, DateOnly from, DateOnly to, TotalPeriod period) =>
        hub.QueryAsync(sp => sp.GetRequiredService<EnergyTotals>().TotalsAsync(plug, from, to, period, default));
}
