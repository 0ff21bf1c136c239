namespace Hub.Energy.Tariffs;

/// <summary>A price for local times [<see cref="StartMinute"/>, <see cref="EndMinute"/>) on the given weekdays.</summary>
public sealed class TariffPeriod
{
    public const int AllWeek = 0x7F;

    public long Id { get; set; }

    public long TariffId { get; set; }

    /// <summary>Bit 0 is Monday … bit 6 is Sunday.</summary>
    public int Weekdays { get; set; } = AllWeek;

    public int StartMinute { get; set; }

    public int EndMinute { get; set; } = 24 * 60;

    public decimal PricePerKwh { get; set; }

    public static int DayBit(DayOfWeek day) => 1 << (((int)day + 6) % 7);
}
