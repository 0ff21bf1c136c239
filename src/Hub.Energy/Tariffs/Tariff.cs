namespace Hub.Energy.Tariffs;

/// <summary>A price list in force from <see cref="ValidFrom"/> (a local date) until the next tariff's.</summary>
public sealed class Tariff
{
    public long Id { get; set; }

    public DateOnly ValidFrom { get; set; }

    public required string Currency { get; set; }

    /// <summary>Standing charge per day, charged once for the whole household (fleet), not per plug.</summary>
    public decimal DailyFee { get; set; }

    /// <summary>Prices by local time of day and weekday; a flat tariff has one period covering the whole week.</summary>
    public List<TariffPeriod> Periods { get; set; } = [];

    public decimal? PriceAt(DateTime localTime)
    {
        var minute = (localTime.Hour * 60) + localTime.Minute;
        var day = TariffPeriod.DayBit(localTime.DayOfWeek);
        return Periods.FirstOrDefault(p => (p.Weekdays & day) != 0 && minute >= p.StartMinute && minute < p.EndMinute)
            ?.PricePerKwh;
    }
}
