namespace Hub.Api.Energy;

public sealed record TariffResponse(
    long Id, DateOnly ValidFrom, string Currency, decimal DailyFee, IReadOnlyList<TariffPeriodRequest> Periods);
