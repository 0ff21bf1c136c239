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

public sealed record ProfileCommandRequest(
    [property: Required, RegularExpression("^[A-Za-z][A-Za-z0-9_]{0,39}$")] string Name,
    [property: StringLength(200)] string Arguments = "");

public sealed record ApplyProfileRequest(long[]? PlugIds = null, [property: StringLength(64)] string? Tag = null,
    [property: StringLength(64)] string? Group = null);

public sealed record ProfileView(long Id, string Name, IReadOnlyList<Hub.Devices.Fleet.Profiles.ProfileCommand> Commands);

public sealed record AssignmentView(long PlugId, string Status, int Attempts, string? LastError, DateTimeOffset UpdatedAt);
