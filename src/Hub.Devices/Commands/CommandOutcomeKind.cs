namespace Hub.Devices.Commands;

public enum CommandOutcomeKind
{
    Confirmed,
    UnknownPlug,
    NotAdopted,
    Offline,
    TimedOut,
}
