namespace Hub.Devices.Commands;

/// <summary>
/// Any console command both firmware families understand (<c>cmnd/&lt;T&gt;/&lt;Name&gt;</c> with arguments), for
/// settings profiles: SetStartValue, VoltageSet, TelePeriod, backlog, ...
/// </summary>
public sealed record ConsoleCommand(string Name, string Arguments) : PlugCommand;
