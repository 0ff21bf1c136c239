using Hub.Devices.Alerts;

namespace Hub.Api.Alerts;

/// <summary>A plug's own limits (null: not set) next to the ones in force (own, else the default; null: rule off).</summary>
public sealed record PlugLimitsView(
    long PlugId,
    double? PowerLimitW,
    int? OfflineAfterSeconds,
    double? DailyEnergyBudgetKwh,
    double? EffectivePowerLimitW,
    int EffectiveOfflineAfterSeconds,
    double? EffectiveDailyEnergyBudgetKwh)
{
    public static PlugLimitsView From(long plugId, PlugLimitsRegistry registry)
    {
        var own = registry.Own(plugId);
        return new PlugLimitsView(plugId, own?.PowerLimitW, own?.OfflineAfterSeconds, own?.DailyEnergyBudgetKwh,
            registry.PowerLimitW(plugId), registry.OfflineAfterSeconds(plugId), registry.DailyEnergyBudgetKwh(plugId));
    }
}
