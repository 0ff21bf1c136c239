namespace Hub.Devices.Ota.Rollouts;

public enum RolloutStatus
{
    Running,

    /// <summary>No new plug starts; plugs already in flight finish. By hand or by the error threshold.</summary>
    Paused,

    Completed,

    Aborted,
}
