namespace Hub.Energy.Tariffs;

/// <summary>The tariffs in force over time: each from its <see cref="Tariff.ValidFrom"/> until the next one's.</summary>
public sealed class TariffSchedule
{
    private readonly List<Tariff> _tariffs;

    public TariffSchedule(IEnumerable<Tariff> tariffs) => _tariffs = [.. tariffs.OrderBy(t => t.ValidFrom)];

    public bool IsEmpty => _tariffs.Count == 0;

    public Tariff? For(DateOnly day) => _tariffs.LastOrDefault(t => t.ValidFrom <= day);

    /// <summary>True when every tariff touching the range has one price around the clock, so days need no hours.</summary>
    public bool IsFlatBetween(DateOnly from, DateOnly to) =>
        _tariffs.Where(t => t.ValidFrom < to && (Next(t) is not { } next || next.ValidFrom > from))
            .All(t => t.Periods.Count == 1 && t.Periods[0] is { Weekdays: TariffPeriod.AllWeek, StartMinute: 0, EndMinute: 1440 });

    public string? CurrencyFor(DateOnly day) => (For(day) ?? _tariffs.FirstOrDefault())?.Currency;

    private Tariff? Next(Tariff tariff) => _tariffs.FirstOrDefault(t => t.ValidFrom > tariff.ValidFrom);
}
