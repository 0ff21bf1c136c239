using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Energy;

/// <summary>A price for local minutes [StartMinute, EndMinute) on the weekdays in the mask (bit 0 Monday … bit 6 Sunday).</summary>
public sealed record TariffPeriodRequest(
    [property: Range(1, 127)] int Weekdays,
    [property: Range(0, 1440)] int StartMinute,
    [property: Range(0, 1440)] int EndMinute,
    [property: Range(0, 1000)] decimal PricePerKwh);
