namespace Hub.Devices.Discovery;

/// <summary>What recording a discovered plug did to the fleet.</summary>
public enum DiscoveryChange
{
    /// <summary>Registered as a new pending plug.</summary>
    New,

    /// <summary>Already known (by MAC or topic); its identity columns were refreshed.</summary>
    Updated,

    /// <summary>Its topic belongs to a plug with another MAC: two devices claim one topic, nothing was written.</summary>
    TopicConflict,

    /// <summary>Identified, but it did not say its MQTT topic, so it cannot be registered.</summary>
    NoTopic,
}
