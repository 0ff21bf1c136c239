namespace Hub.Devices.Alerts;

/// <summary>What the channels deliver: the alert and what just happened to it.</summary>
public sealed record AlertNotification(AlertNotice Notice, AlertView Alert, DateTimeOffset At);
