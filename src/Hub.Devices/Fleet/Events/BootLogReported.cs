namespace Hub.Devices.Fleet.Events;

/// <summary>
/// Log lines the plug kept from before its last reboot, when they arrive on their own (our firmware's
/// <c>&lt;T&gt;/lastlog</c>) rather than inside a <see cref="BootReported"/>.
/// </summary>
public sealed record BootLogReported : PlugEvent
{
    public required IReadOnlyList<string> Lines { get; init; }
}
