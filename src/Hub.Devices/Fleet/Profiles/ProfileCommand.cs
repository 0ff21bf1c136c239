namespace Hub.Devices.Fleet.Profiles;

/// <summary>One console command of a profile, e.g. <c>SetStartValue</c> with <c>1 -1</c>.</summary>
public sealed record ProfileCommand(string Name, string Arguments);
