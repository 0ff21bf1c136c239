using Microsoft.Extensions.Options;

namespace Hub.Energy.Rollups;

/// <summary>
/// Day and month boundaries in the owner's time zone. Local days are 23, 24 or 25 hours long; minute and hour buckets
/// are UTC, and a local day is the UTC range between two local midnights.
/// </summary>
public sealed class EnergyCalendar(IOptions<EnergyOptions> options)
{
    public TimeZoneInfo Zone { get; } = options.Value.Zone();

    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The instant the local day starts: midnight, or the first valid minute where DST skips midnight.</summary>
    public DateTimeOffset DayStart(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        // At an ambiguous midnight the day starts at the first of the two, which has the larger offset.
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    public (long StartS, long EndS) DaySeconds(DateOnly day) =>
        (DayStart(day).ToUnixTimeSeconds(), DayStart(day.AddDays(1)).ToUnixTimeSeconds());

    public static long MonthNumber(DateOnly day) => (day.Year * 12L) + day.Month - 1;

    public static DateOnly MonthStart(long monthNumber) => new((int)(monthNumber / 12), (int)(monthNumber % 12) + 1, 1);
}
