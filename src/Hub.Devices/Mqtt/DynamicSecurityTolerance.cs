namespace Hub.Devices.Mqtt;

internal enum DynamicSecurityTolerance
{
    Nothing,

    /// <summary>The thing to create is there already.</summary>
    Exists,

    /// <summary>The thing to remove is gone already.</summary>
    Missing,
}
