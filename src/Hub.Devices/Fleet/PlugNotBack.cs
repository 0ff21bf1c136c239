namespace Hub.Devices.Fleet;

/// <summary>A plug that was online before a broker outage and had not returned when the grace period ended.</summary>
public sealed record PlugNotBack(long PlugId, string Topic, DateTimeOffset At);
