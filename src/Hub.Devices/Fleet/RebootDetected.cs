namespace Hub.Devices.Fleet;

/// <summary>A plug restarted (boot count rose or uptime went backwards); the desired-state enforcer reacts to it.</summary>
public sealed record RebootDetected(long PlugId, string Topic, DateTimeOffset At);
