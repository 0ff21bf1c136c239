namespace Hub.Devices.Ota.Rollouts;

public enum RolloutActionResult
{
    Done,
    NotFound,

    /// <summary>Completed or aborted: nothing to pause, resume or retry.</summary>
    Finished,
}
