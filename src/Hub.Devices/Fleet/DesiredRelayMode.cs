namespace Hub.Devices.Fleet;

public enum DesiredRelayMode
{
    NotManaged,
    On,
    Off,
    LastCommanded,
}
