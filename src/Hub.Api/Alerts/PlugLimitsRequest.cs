using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Alerts;

/// <summary>A plug's own limits; a null field means "use the fleet default".</summary>
public sealed record PlugLimitsRequest(
    [property: Range(1, 100_000)] double? PowerLimitW = null,
    [property: Range(1, 604_800)] int? OfflineAfterSeconds = null,
    [property: Range(0.001, 100_000)] double? DailyEnergyBudgetKwh = null);
