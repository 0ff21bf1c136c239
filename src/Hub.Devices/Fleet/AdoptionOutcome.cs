namespace Hub.Devices.Fleet;

public enum AdoptionOutcome
{
    Adopted,

    /// <summary>The account exists and the credentials were sent, but the plug has not reconnected with them yet.</summary>
    AdoptedAwaitingReconnect,
    UnknownPlug,
    AlreadyAdopted,
    Offline,

    /// <summary>The broker's account store refused the plug's account or did not answer; nothing was changed.</summary>
    BrokerRefused,
}
