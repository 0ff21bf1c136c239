using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Profiles;

/// <summary>
/// Typed settings become OpenBeken console commands (our firmware speaks the same); anything else, including Tasmota's
/// spelling of these settings, goes in <see cref="ExtraCommands"/>.
/// </summary>
public sealed record CreateProfileRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Range(50, 400)] double? VoltageCalibration = null,
    [property: Range(0.001, 20)] double? CurrentCalibration = null,
    [property: Range(1, 5000)] double? PowerCalibration = null,
    [property: Range(-1, 1)] int? RelayStartState = null,
    [property: Range(5, 86400)] int? TelemetryIntervalSeconds = null,
    [property: StringLength(253)] string? BrokerHost = null,
    [property: Range(-12, 14)] double? TimeZoneOffsetHours = null,
    [property: MaxLength(32)] ProfileCommandRequest[]? ExtraCommands = null);
