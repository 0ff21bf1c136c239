namespace Hub.Devices.Commands;

public enum RelayAction
{
    Off,
    On,
    Toggle,
}
