using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Energy;

/// <summary>
/// A tariff from <see cref="ValidFrom"/> on. A flat tariff is one period covering the whole week; time-of-use periods
/// must cover every minute of every weekday exactly once, on whole hours.
/// </summary>
public sealed record TariffRequest(
    DateOnly ValidFrom,
    [property: Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "must be an ISO 4217 code such as EUR")] string Currency,
    [property: Range(0, 1000)] decimal DailyFee,
    [property: Required, MinLength(1)] List<TariffPeriodRequest> Periods);
