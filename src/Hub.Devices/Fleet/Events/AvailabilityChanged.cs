namespace Hub.Devices.Fleet.Events;

/// <summary>The plug's last-will topic said online or offline (OpenBeken <c>connected</c>, Tasmota <c>LWT</c>).</summary>
public sealed record AvailabilityChanged : PlugEvent
{
    public required bool Online { get; init; }
}
