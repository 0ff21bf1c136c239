namespace Hub.Api.Alerts;

/// <summary>The rules, with the two settings that apply to all of them.</summary>
public sealed record AlertRulesView(int RecoveryHoldSeconds, int MaxRepeatNotifications, IReadOnlyList<AlertRuleView> Rules);
