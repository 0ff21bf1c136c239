using Hub.Devices.Alerts;

namespace Hub.Api.Alerts;

/// <summary>
/// A rule as configured now. <see cref="PlugOverrides"/> counts the plugs whose own limits replace one of its
/// per-plug thresholds; a rule whose fleet default is off can still run for those plugs.
/// </summary>
public sealed record AlertRuleView(
    string Rule, string Title, AlertSeverity Severity, bool Enabled, IReadOnlyList<AlertThreshold> Thresholds, int PlugOverrides);
