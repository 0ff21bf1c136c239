namespace Hub.Devices.Protocols;

public enum PlugProtocolKind
{
    OpenBeken,
    Tasmota,
}
