namespace Hub.Api.Alerts;

/// <summary>
/// One setting of a rule: its config key under <c>Alerts</c> (or the section named in it), the value in force for the
/// fleet (null: off), and whether a plug's own limits (<c>/api/alerts/limits/{plugId}</c>) can replace it.
/// </summary>
public sealed record AlertThreshold(string Key, string Label, double? Value, string Unit, bool PerPlug);
