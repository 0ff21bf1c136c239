namespace Hub.Devices.Watchdog;

/// <summary>A probe's verdict changed (first result, up, down, needs attention): what dashboards are told about.</summary>
public sealed record ProbeChange(long PlugId, ProbeStatus Status);
